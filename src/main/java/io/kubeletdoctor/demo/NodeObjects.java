package io.kubeletdoctor.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;

/**
 * The API objects a node leaves in a cluster, shaped like the kubelet and the node lifecycle
 * controller write them.
 */
final class NodeObjects {

	static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

	/** The node lifecycle controller's grace period (50 s since 1.32) before it marks a silent node Unknown. */
	static final Duration MONITOR_GRACE_PERIOD = Duration.ofSeconds(50);

	private static final String[][] PRESSURE_CONDITIONS = {
			{ "MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available" },
			{ "DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure" },
			{ "PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available" } };

	private NodeObjects() {
	}

	static Node node(String name, String internalIp, int kubeletPort, String kubeletVersion,
			List<NodeCondition> conditions, List<Taint> taints, Instant created) {
		return new NodeBuilder().withNewMetadata()
			.withName(name)
			.withCreationTimestamp(Timestamps.time(created))
			.withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux", "kubernetes.io/arch",
					"amd64", "node-role.kubernetes.io/worker", ""))
			.endMetadata()
			.withNewSpec()
			.withTaints(taints)
			.endSpec()
			.withNewStatus()
			.addNewAddress()
			.withType("InternalIP")
			.withAddress(internalIp)
			.endAddress()
			.addNewAddress()
			.withType("Hostname")
			.withAddress(name)
			.endAddress()
			.withNewDaemonEndpoints()
			.withNewKubeletEndpoint()
			.withPort(kubeletPort)
			.endKubeletEndpoint()
			.endDaemonEndpoints()
			.withNewNodeInfo()
			.withKubeletVersion(kubeletVersion)
			.withKubeProxyVersion("")
			.withContainerRuntimeVersion("containerd://2.1.3")
			.withOperatingSystem("linux")
			.withArchitecture("amd64")
			.withOsImage("Ubuntu 24.04.2 LTS")
			.withKernelVersion("6.8.0-63-generic")
			.withMachineID(KubeletAnswers.suffix(name) + "0f3c9a4e21d8b7c6")
			.withSystemUUID("4c4c4544-0042-" + KubeletAnswers.suffix(name + "uuid"))
			.withBootID("b7e1" + KubeletAnswers.suffix(name + "boot"))
			.endNodeInfo()
			.withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16375972Ki"), "pods",
					new Quantity("110")))
			.withConditions(conditions)
			.endStatus()
			.build();
	}

	static List<NodeCondition> ready(Instant heartbeat, Instant transition) {
		List<NodeCondition> conditions = pressure("False", heartbeat, transition);
		conditions.add(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat,
				transition));
		return conditions;
	}

	static List<NodeCondition> notReady(String reason, String message, Instant heartbeat, Instant transition) {
		List<NodeCondition> conditions = pressure("False", heartbeat, transition);
		conditions.add(condition("Ready", "False", reason, message, heartbeat, transition));
		return conditions;
	}

	/** What the node lifecycle controller writes once neither the heartbeat nor the Lease moves. */
	static List<NodeCondition> unknown(Instant lastHeartbeat, Instant transition) {
		List<NodeCondition> conditions = new ArrayList<>();
		for (String[] pressure : PRESSURE_CONDITIONS) {
			conditions.add(condition(pressure[0], "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.",
					lastHeartbeat, transition));
		}
		conditions.add(condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.",
				lastHeartbeat, transition));
		return conditions;
	}

	private static List<NodeCondition> pressure(String status, Instant heartbeat, Instant transition) {
		List<NodeCondition> conditions = new ArrayList<>();
		for (String[] pressure : PRESSURE_CONDITIONS) {
			conditions.add(condition(pressure[0], status, pressure[1], pressure[2], heartbeat, transition));
		}
		return conditions;
	}

	private static NodeCondition condition(String type, String status, String reason, String message,
			Instant heartbeat, Instant transition) {
		return new NodeConditionBuilder().withType(type)
			.withStatus(status)
			.withReason(reason)
			.withMessage(message)
			.withLastHeartbeatTime(Timestamps.time(heartbeat))
			.withLastTransitionTime(Timestamps.time(transition))
			.build();
	}

	static List<Taint> taints(String key, Instant added) {
		return List.of(taint(key, "NoSchedule", added), taint(key, "NoExecute", added));
	}

	private static Taint taint(String key, String effect, Instant added) {
		TaintBuilder taint = new TaintBuilder().withKey(key).withEffect(effect);
		if (effect.equals("NoExecute")) {
			taint.withTimeAdded(Timestamps.time(added));
		}
		return taint.build();
	}

	static Lease lease(String nodeName, Instant renewed, Instant created) {
		return new LeaseBuilder().withNewMetadata()
			.withName(nodeName)
			.withNamespace(NODE_LEASE_NAMESPACE)
			.withCreationTimestamp(Timestamps.time(created))
			.endMetadata()
			.withNewSpec()
			.withHolderIdentity(nodeName)
			.withLeaseDurationSeconds(40)
			.withRenewTime(renewed.atZone(ZoneOffset.UTC))
			.endSpec()
			.build();
	}

	/**
	 * A Node event in {@code default}, where events about cluster-scoped objects live. Reasons the
	 * node lifecycle controller emits come from {@code node-controller} (a kubelet that is down or
	 * cannot authenticate posts no NodeNotReady of its own), the rest from the kubelet.
	 */
	static Event event(String nodeName, String reason, String type, String message, Instant lastSeen, int count,
			int sequence) {
		boolean controller = List.of("NodeNotReady", "RegisteredNode", "RemovingNode", "DeletingNode").contains(reason);
		String component = controller ? "node-controller" : "kubelet";
		Instant firstSeen = lastSeen.minus(Duration.ofMinutes(Math.max(0, count - 1)));
		return new EventBuilder().withNewMetadata()
			.withName(nodeName + "." + Long.toHexString(lastSeen.toEpochMilli() * 1_000_000L + sequence))
			.withNamespace("default")
			.withCreationTimestamp(Timestamps.time(firstSeen))
			.endMetadata()
			.withNewInvolvedObject()
			.withApiVersion("v1")
			.withKind("Node")
			.withName(nodeName)
			.withUid(nodeName)
			.endInvolvedObject()
			.withReason(reason)
			.withType(type)
			.withMessage(message)
			.withCount(count)
			.withFirstTimestamp(Timestamps.time(firstSeen))
			.withLastTimestamp(Timestamps.time(lastSeen))
			.withNewSource()
			.withComponent(component)
			.withHost(controller ? null : nodeName)
			.endSource()
			.withReportingComponent(component)
			.withReportingInstance(controller ? "" : nodeName)
			.build();
	}

}
