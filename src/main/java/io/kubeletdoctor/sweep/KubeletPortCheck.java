package io.kubeletdoctor.sweep;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.KubeletEndpoint;
import io.kubeletdoctor.cluster.KubeletHandshake;
import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.pki.CaChains;
import io.kubeletdoctor.pki.Certificates;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * The part of a cluster sweep that looks past the Node objects: a TLS handshake with each node's
 * kubelet port (address and port from the Node, never from the alert). {@code KubeletDown} fires
 * when Prometheus can scrape no kubelet, which can happen while every node still reports Ready:
 * kubelets that refuse connections, abort the handshake for want of a serving certificate, serve an
 * expired one, or serve one that chains to no CA of {@code kube-root-ca.crt} (a scraper verifying
 * against the cluster CA sees "certificate signed by unknown authority"). Handshakes cost no API
 * request; they run a few at a time and are capped. The CA bundle is read once, on the first served
 * certificate that needs it.
 */
final class KubeletPortCheck {

	static final int MAX_NODES = 200;

	private static final int PARALLEL = 8;

	private KubeletPortCheck() {
	}

	/** Node name to what is wrong with its kubelet port, for the nodes whose port is not healthy. */
	static Map<String, String> failing(ClusterReader reader, List<Node> nodes, Instant now) {
		Map<String, String> failing = new LinkedHashMap<>();
		TrustedCas cas = new TrustedCas(reader);
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
		try {
			Map<String, Future<KubeletHandshake>> handshakes = new LinkedHashMap<>();
			for (Node node : nodes.subList(0, Math.min(nodes.size(), MAX_NODES))) {
				KubeletEndpoint.of(node.getStatus()).ifPresent((endpoint) -> handshakes.put(node.getMetadata().getName(),
						pool.submit(() -> reader.handshake(endpoint.host(), endpoint.port()))));
			}
			for (Map.Entry<String, Future<KubeletHandshake>> entry : handshakes.entrySet()) {
				try {
					problem(entry.getValue().get(), now, cas).ifPresent((problem) -> failing.put(entry.getKey(), problem));
				}
				catch (ExecutionException ex) {
					// The inspector never throws; should it, that node is left to its Node object.
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			pool.shutdownNow();
		}
		return failing;
	}

	private static Optional<String> problem(KubeletHandshake handshake, Instant now, TrustedCas cas) {
		if (handshake.reachability() != Reachability.TLS_OK) {
			return Optional.of(handshake.reachability().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " on "
					+ handshake.endpoint());
		}
		List<X509Certificate> chain = handshake.chain();
		if (!chain.isEmpty() && chain.get(0).getNotAfter().before(Date.from(now))) {
			return Optional.of("serving certificate expired " + chain.get(0).getNotAfter().toInstant());
		}
		if (!chain.isEmpty() && !Certificates.describe(chain.get(0)).selfSigned()
				&& Boolean.FALSE.equals(CaChains.servingChainsTo(chain, cas.bundle()))) {
			return Optional.of("serving certificate issued by " + chain.get(0).getIssuerX500Principal().getName()
					+ " chains to no CA of " + TrustedCas.CONFIG_MAP);
		}
		return Optional.empty();
	}

	/**
	 * The cluster CA bundle, read on first use; unreadable or absent, it is empty and decides nothing
	 * (the node report's certificate-authority step says why).
	 */
	private static final class TrustedCas {

		static final String NAMESPACE = "kube-system";

		static final String CONFIG_MAP = "kube-root-ca.crt";

		private final ClusterReader reader;

		private @Nullable List<X509CertificateHolder> bundle;

		TrustedCas(ClusterReader reader) {
			this.reader = reader;
		}

		List<X509CertificateHolder> bundle() {
			if (this.bundle == null) {
				this.bundle = read();
			}
			return this.bundle;
		}

		private List<X509CertificateHolder> read() {
			try {
				String pem = this.reader.configMap(NAMESPACE, CONFIG_MAP)
					.map(ConfigMap::getData)
					.map((data) -> data.get("ca.crt"))
					.orElse(null);
				return (pem != null) ? Certificates.readPem(pem) : List.of();
			}
			catch (ClusterAccessException | IllegalArgumentException ex) {
				return List.of();
			}
		}

	}

}
