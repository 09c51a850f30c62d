package io.kubeletdoctor.cluster;

import java.io.File;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeletdoctor.cluster.ClusterProperties.ApiClient;
import io.kubeletdoctor.cluster.ClusterProperties.ClusterSettings;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The configured clusters, one fabric8 client each. Clients are built on first use, so start-up
 * never touches the network nor fails on a cluster that is down, and closed with the registry.
 */
class KubernetesClusterRegistry implements ClusterRegistry, AutoCloseable {

	static final String DEFAULT_CLUSTER = "default";

	private final Map<String, ClusterSettings> clusters;

	private final ApiClient apiClient;

	private final Map<String, RateLimit> rateLimits;

	private final KubeletTlsInspector inspector;

	private final ClusterProperties.KubeletTls kubeletTls;

	private final MeterRegistry meterRegistry;

	private final ConcurrentMap<String, Connection> connections = new ConcurrentHashMap<>();

	private volatile boolean closed;

	KubernetesClusterRegistry(ClusterProperties properties, MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
		Map<String, ClusterSettings> configured = new LinkedHashMap<>(properties.clusters());
		if (configured.isEmpty()) {
			configured.put(DEFAULT_CLUSTER, new ClusterSettings(null, null));
		}
		this.clusters = Collections.unmodifiableMap(configured);
		this.apiClient = properties.apiClient();
		// built here so that a wrong limit stops the start rather than the first diagnosis
		RateLimit defaults = this.apiClient.rateLimit().toRateLimit();
		Map<String, RateLimit> limits = new LinkedHashMap<>();
		configured.forEach((name, settings) -> limits.put(name, settings.rateLimit(defaults)));
		this.rateLimits = Collections.unmodifiableMap(limits);
		this.kubeletTls = properties.kubeletTls();
		this.inspector = new KubeletTlsInspector(properties.kubeletTls().connectTimeout(),
				properties.kubeletTls().readTimeout());
	}

	@Override
	public Set<String> clusterNames() {
		return this.clusters.keySet();
	}

	@Override
	public Optional<String> resolve(Map<String, String> labels) {
		return ClusterSelection.resolve(clusterNames(), labels);
	}

	@Override
	public ClusterReader reader(String clusterName) {
		ClusterSettings settings = this.clusters.get(clusterName);
		if (settings == null) {
			throw new IllegalArgumentException("No cluster named '" + clusterName + "'; known: " + clusterNames());
		}
		if (this.closed) {
			throw new IllegalStateException("The cluster registry is closed");
		}
		return this.connections.computeIfAbsent(clusterName, (name) -> connect(name, settings)).reader();
	}

	private Connection connect(String name, ClusterSettings settings) {
		Config config = withApiClientSettings(load(name, settings));
		ApiThrottle throttle = ApiThrottle.forClient(this.rateLimits.get(name), config, this.meterRegistry);
		KubernetesClient client = throttle.install(new KubernetesClientBuilder().withConfig(config)).build();
		return new Connection(client, new Fabric8ClusterReader(name, client, this.inspector, throttle,
				this.kubeletTls.kubeletApi(settings.kubeletCaFile()), Clock.systemUTC()));
	}

	private static Config load(String name, ClusterSettings settings) {
		try {
			if (settings.kubeconfig() == null) {
				return Config.autoConfigure(settings.context());
			}
			File kubeconfig = new File(settings.kubeconfig());
			if (!kubeconfig.isFile()) {
				throw new ClusterAccessException(0,
						"cluster '" + name + "': kubeconfig " + kubeconfig + " does not exist or is not a file", null);
			}
			return Config.fromKubeconfig(settings.context(), kubeconfig);
		}
		catch (ClusterAccessException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new ClusterAccessException(0, "cluster '" + name + "': cannot load its client configuration ("
					+ ClusterAccessErrors.rootMessage(ex) + ")", ex);
		}
	}

	private Config withApiClientSettings(Config config) {
		return new ConfigBuilder(config)
			.withRequestTimeout((int) this.apiClient.requestTimeout().toMillis())
			.withConnectionTimeout((int) this.apiClient.connectionTimeout().toMillis())
			.withRequestRetryBackoffLimit(this.apiClient.maxRetries())
			.build();
	}

	/** The client-side rate limit of a configured cluster. */
	RateLimit rateLimit(String clusterName) {
		return this.rateLimits.get(clusterName);
	}

	/** Clients created so far, for tests that check laziness. */
	int openClients() {
		return this.connections.size();
	}

	@Override
	public void close() {
		this.closed = true;
		this.connections.values().forEach((connection) -> connection.client().close());
		this.connections.clear();
	}

	private record Connection(KubernetesClient client, ClusterReader reader) {
	}

}
