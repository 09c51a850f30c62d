package io.kubeletdoctor.scenario;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.ClusterRegistry;
import io.kubeletdoctor.demo.SimulatedCluster;

/**
 * One simulated cluster per scenario, started on first use under the scenario's name. Scenarios
 * differ in cluster-scoped state (CA bundle, signer, bindings, controller-manager Lease), which a
 * shared cluster would mix up. An alert reaches a cluster only through its {@code cluster} label,
 * never by being the only one known, so a mislabelled alert fails loudly. Each cluster has the
 * opt-in node-proxy component: kubelets whose serving certificate verifies are still read directly,
 * the others (a self-generated kubelet.crt, an expired certificate or CA) through the node proxy,
 * so a scenario's verdict rests on everything a kubelet shows; the base install's reads are proved
 * by {@code PlaybookRbacTests} and the step tests.
 */
public final class ScenarioClusters implements ClusterRegistry, AutoCloseable {

	private static final String CLUSTER_LABEL = "cluster";

	private final Clock clock;

	private final Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();

	private final Map<String, ClusterReader> readers = new ConcurrentHashMap<>();

	ScenarioClusters(Clock clock) {
		this.clock = clock;
	}

	/** The cluster named {@code name}, started now if it does not run yet. */
	public SimulatedCluster cluster(String name) {
		return this.clusters.computeIfAbsent(name, (n) -> {
			SimulatedCluster cluster = SimulatedCluster.start(this.clock);
			cluster.grantNodeProxy();
			return cluster;
		});
	}

	@Override
	public Set<String> clusterNames() {
		return Set.copyOf(this.clusters.keySet());
	}

	@Override
	public Optional<String> resolve(Map<String, String> labels) {
		return Optional.ofNullable(labels.get(CLUSTER_LABEL)).filter(this.clusters::containsKey);
	}

	@Override
	public ClusterReader reader(String clusterName) {
		SimulatedCluster cluster = this.clusters.get(clusterName);
		if (cluster == null) {
			throw new IllegalArgumentException("No scenario cluster named '" + clusterName + "'");
		}
		return this.readers.computeIfAbsent(clusterName, cluster::reader);
	}

	@Override
	public void close() {
		this.clusters.values().forEach(SimulatedCluster::close);
		this.clusters.clear();
	}

}
