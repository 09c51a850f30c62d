package io.kubeletdoctor.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterVerdictTests {

	@Test
	void noAffectedNodeMeansNoFault() {
		List<Finding> findings = ClusterVerdict.of(Map.of(), 5);
		assertThat(findings).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(RootCauseCode.NO_FAULT_FOUND);
			assertThat(finding.summary()).contains("5 nodes");
		});
	}

	@Test
	void sharedCauseKeepsItsConfidenceAndQuotesEachNode() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "Not checked (kubelet-logs): off",
				"client TTL +Inf on a"));
		nodes.put("b", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "client TTL +Inf on b"));
		Finding verdict = ClusterVerdict.of(nodes, 5).get(0);
		assertThat(verdict.code()).isEqualTo(RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(verdict.confidence()).isEqualTo(Confidence.HIGH);
		assertThat(verdict.evidence()).containsExactly("All 2 affected nodes: a, b", "a: client TTL +Inf on a",
				"b: client TTL +Inf on b");
	}

	@Test
	void mixedCausesRankByHowManyNodesShareThemAtLowConfidence() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on a"));
		nodes.put("b", verdict(RootCauseCode.CLIENT_CERT_EXPIRED, Confidence.HIGH, "TTL +Inf on b"));
		nodes.put("c", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on c"));
		List<Finding> findings = ClusterVerdict.of(nodes, 3);
		assertThat(findings).extracting(Finding::code)
			.containsExactly(RootCauseCode.KUBELET_NOT_RUNNING, RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(findings.get(0).confidence()).isEqualTo(Confidence.LOW);
		assertThat(findings.get(0).evidence().get(0)).isEqualTo("2 of 3 affected nodes: a, c");
	}

	@Test
	void causesSharedByAsManyNodesRankInTheOrderOfTheirCodes() {
		Map<String, Finding> nodes = new LinkedHashMap<>();
		nodes.put("a", verdict(RootCauseCode.KUBELET_NOT_RUNNING, Confidence.MEDIUM, "port refused on a"));
		nodes.put("b", verdict(RootCauseCode.CA_EXPIRED, Confidence.HIGH, "CA expired"));
		List<Finding> findings = ClusterVerdict.of(nodes, 2);
		assertThat(findings).extracting(Finding::code)
			.containsExactly(RootCauseCode.CA_EXPIRED, RootCauseCode.KUBELET_NOT_RUNNING);
		assertThat(findings).extracting(Finding::confidence).containsOnly(Confidence.LOW);
	}

	private static Finding verdict(RootCauseCode code, Confidence confidence, String... evidence) {
		return new Finding(code, code.name(), confidence, "summary", List.of(evidence), "refuted", List.of());
	}

}
