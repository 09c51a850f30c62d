package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.KubeletEndpoint;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.NodeStatusStepFacts;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 1: what the Node object and its Lease say. The Lease is what the kubelet renews every 10 s,
 * so a stale one means the kubelet cannot reach or authenticate to the API server, whatever the
 * Ready condition still shows. Also fixes the kubelet endpoint the later steps talk to.
 */
@Component
class NodeStatusStep implements DiagnosisStep {

	static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

	@Override
	public StepId id() {
		return StepId.NODE_STATUS;
	}

	@Override
	public String title() {
		return "Node status and lease";
	}

	@Override
	public StepResult run(StepContext context) {
		String name = context.nodeName();
		Optional<Node> found = StormReads.node(context, name);
		if (found.isEmpty()) {
			context.evidence().put(NodeFacts.notFound(name));
			return StepResult.of(StepStatus.CRITICAL, "Node " + name + " not found", NodeStatusStepFacts.notFound());
		}
		Node node = found.get();
		Instant now = context.evidence().now();
		NodeStatus status = (node.getStatus() != null) ? node.getStatus() : new NodeStatus();
		NodeCondition ready = readyCondition(status);
		LeaseReading lease = readLease(context, name, now);
		NodeFacts nodeFacts = new NodeFacts(name, true, (ready != null) ? ready.getStatus() : null,
				(ready != null) ? ready.getReason() : null, (ready != null) ? ready.getMessage() : null,
				(ready != null) ? Timestamps.age(now, ready.getLastHeartbeatTime()) : null, lease.age(),
				lease.durationSeconds(), kubeletVersion(status), taints(node), KubeletEndpoint.address(status), KubeletEndpoint.port(status));
		context.evidence().put(nodeFacts);
		return StepResult.of(status(nodeFacts, lease), summary(nodeFacts, lease), facts(nodeFacts, lease));
	}

	private LeaseReading readLease(StepContext context, String name, Instant now) {
		try {
			Optional<Lease> lease = StormReads.lease(context, NODE_LEASE_NAMESPACE, name);
			if (lease.isEmpty() || lease.get().getSpec() == null) {
				return new LeaseReading(null, null, false, null);
			}
			var spec = lease.get().getSpec();
			Duration age = (spec.getRenewTime() != null)
					? Duration.between(spec.getRenewTime().toInstant(), now) : null;
			return new LeaseReading(age, spec.getLeaseDurationSeconds(), true, null);
		}
		catch (ClusterAccessException ex) {
			// the Node alone still tells most of the story; the facts say what was not read
			return new LeaseReading(null, null, false, ex.getMessage());
		}
	}

	private static @Nullable NodeCondition readyCondition(NodeStatus status) {
		if (status.getConditions() == null) {
			return null;
		}
		return status.getConditions().stream().filter((c) -> "Ready".equals(c.getType())).findFirst().orElse(null);
	}

	private static @Nullable String kubeletVersion(NodeStatus status) {
		return (status.getNodeInfo() != null) ? status.getNodeInfo().getKubeletVersion() : null;
	}

	private static List<String> taints(Node node) {
		if (node.getSpec() == null || node.getSpec().getTaints() == null) {
			return List.of();
		}
		return node.getSpec().getTaints().stream().map(NodeStatusStep::taint).toList();
	}

	private static String taint(Taint taint) {
		String value = (taint.getValue() != null && !taint.getValue().isEmpty()) ? "=" + taint.getValue() : "";
		return taint.getKey() + value + ":" + taint.getEffect();
	}

	private static NodeStatusStepFacts facts(NodeFacts node, LeaseReading lease) {
		return new NodeStatusStepFacts(true, node.readyStatus(), node.readyReason(), node.readyMessage(),
				Timestamps.seconds(node.heartbeatAge()), Timestamps.seconds(node.leaseAge()), node.leaseDurationSeconds(),
				node.leaseStale(), lease.error(), node.kubeletVersion(), node.taints(), node.address(),
				node.kubeletPort());
	}

	private static StepStatus status(NodeFacts node, LeaseReading lease) {
		if (!node.ready() || node.leaseStale()) {
			return StepStatus.CRITICAL;
		}
		// every kubelet since 1.14 keeps a Lease; none at all is worth a look
		if (!lease.present() && lease.error() == null) {
			return StepStatus.WARNING;
		}
		return StepStatus.OK;
	}

	private static String summary(NodeFacts node, LeaseReading lease) {
		StringBuilder summary = new StringBuilder();
		if (node.readyStatus() == null) {
			summary.append("No Ready condition");
		}
		else if (node.ready()) {
			summary.append("Ready");
		}
		else {
			summary.append("Not Ready (").append(node.readyStatus());
			if (node.readyReason() != null) {
				summary.append(", ").append(node.readyReason());
			}
			summary.append(")");
		}
		if (node.heartbeatAge() != null) {
			summary.append(", heartbeat ").append(TimeSpan.ago(node.heartbeatAge()));
		}
		if (node.leaseAge() != null) {
			summary.append(node.leaseStale() ? ", lease stale: renewed " : ", lease renewed ")
				.append(TimeSpan.ago(node.leaseAge()));
		}
		else if (lease.error() != null) {
			summary.append(", lease not readable");
		}
		else {
			summary.append(", no lease in ").append(NODE_LEASE_NAMESPACE);
		}
		if (node.kubeletVersion() != null) {
			summary.append(", kubelet ").append(node.kubeletVersion());
		}
		return summary.toString();
	}

	private record LeaseReading(@Nullable Duration age, @Nullable Integer durationSeconds, boolean present,
			@Nullable String error) {
	}

}
