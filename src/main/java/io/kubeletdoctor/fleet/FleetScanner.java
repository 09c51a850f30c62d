package io.kubeletdoctor.fleet;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.cluster.ClusterReader;
import io.kubeletdoctor.cluster.KubeletEndpoint;
import io.kubeletdoctor.cluster.KubeletHandshake;
import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.pki.Certificates;
import io.kubeletdoctor.step.CsrIndex;
import io.kubeletdoctor.step.KubeletConfigz;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Scans one cluster: one LIST of Nodes, one LIST of CSRs and one GET of {@code kube-root-ca.crt} per
 * scan, then per node a TLS handshake (no API request) and, where the kubelet answers TLS,
 * {@code /configz} and {@code /metrics} read from the kubelet itself (through the API server's node
 * proxy only where a direct read is impossible and the proxy is granted): 3 API requests per scan,
 * plus 2 per node read through the proxy. A few nodes are read at a time.
 */
final class FleetScanner {

	static final String CA_NAMESPACE = "kube-system";

	static final String CA_CONFIG_MAP = "kube-root-ca.crt";

	private final Clock clock;

	private final int parallel;

	FleetScanner(Clock clock, int parallel) {
		this.clock = clock;
		this.parallel = parallel;
	}

	ClusterScan scan(ClusterReader reader) {
		Instant now = this.clock.instant();
		AtomicInteger requests = new AtomicInteger();
		List<Node> nodes;
		try {
			requests.incrementAndGet();
			nodes = reader.nodes();
		}
		catch (ClusterAccessException ex) {
			return new ClusterScan(reader.clusterName(), now, List.of(), 0, ClusterScan.ServingApproval.NO_REQUESTS,
					List.of(), requests.get(), "the Nodes could not be listed: " + ex.getMessage());
		}
		List<CertificateSigningRequest> requested = csrs(reader, requests);
		CsrIndex csrs = CsrIndex.of(requested);
		Map<String, List<String>> csrGroups = new HashMap<>();
		for (CertificateSigningRequest csr : requested) {
			if (csr.getMetadata() != null && csr.getSpec() != null && csr.getSpec().getGroups() != null) {
				csrGroups.put(csr.getMetadata().getName(), csr.getSpec().getGroups());
			}
		}
		List<X509CertificateHolder> bundle = bundle(reader, requests);
		List<FleetCa> cas = bundle.stream()
			.map(Certificates::describe)
			.map((ca) -> new FleetCa(ca.subject(), ca.notBefore(), ca.notAfter(),
					"ConfigMap " + CA_NAMESPACE + "/" + CA_CONFIG_MAP))
			.toList();
		List<NodeScan> scans = scanNodes(reader, nodes, csrs, csrGroups, bundle, now, requests);
		return new ClusterScan(reader.clusterName(), now, cas, csrs.approvedNotIssued(now, NodeAssessment.ISSUE_LIMIT),
				servingApproval(scans, csrs), scans, requests.get(), null);
	}

	private List<NodeScan> scanNodes(ClusterReader reader, List<Node> nodes, CsrIndex csrs,
			Map<String, List<String>> csrGroups, List<X509CertificateHolder> bundle, Instant now,
			AtomicInteger requests) {
		KubeletReads kubelets = new KubeletReads(reader, requests);
		ExecutorService pool = Executors.newFixedThreadPool(this.parallel);
		try {
			List<Future<NodeScan>> futures = new ArrayList<>();
			for (Node node : nodes) {
				String name = node.getMetadata().getName();
				NodeAssessment assessment = new NodeAssessment(name, now, csrs.forNode(name), csrGroups, names(node));
				futures.add(pool.submit(() -> scanNode(kubelets, node, assessment, bundle, requests)));
			}
			List<NodeScan> scans = new ArrayList<>();
			for (Future<NodeScan> future : futures) {
				scans.add(future.get());
			}
			scans.sort(Comparator.comparing(NodeScan::firstExpiry, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(NodeScan::node));
			return scans;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("fleet scan interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("fleet scan of a node failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static NodeScan scanNode(KubeletReads kubelets, Node node, NodeAssessment assessment,
			List<X509CertificateHolder> bundle, AtomicInteger requests) {
		Optional<KubeletEndpoint> endpoint = KubeletEndpoint.of(node.getStatus());
		List<String> notRead = new ArrayList<>();
		KubeletHandshake handshake = endpoint.map(kubelets::handshake).orElse(null);
		KubeletConfigFacts config = null;
		KubeletMetricsFacts metrics = null;
		if (handshake != null && handshake.reachability() == Reachability.TLS_OK) {
			KubeletReads.Read<KubeletConfigz> configz = kubelets.configz(node.getMetadata().getName(), endpoint.get());
			config = (configz.value() != null) ? configz.value().facts() : null;
			if (config == null) {
				notRead.add("configz: " + configz.problem());
			}
			KubeletReads.Read<KubeletMetricsFacts> read = kubelets.metrics(node.getMetadata().getName(), endpoint.get());
			metrics = read.value();
			if (metrics == null) {
				notRead.add("metrics: " + read.problem());
			}
		}
		else {
			notRead.add("configz and metrics: not read, the kubelet port does not serve TLS");
		}
		return assessment.assess(handshake, config, metrics, bundle, notRead);
	}

	/** Without the CSRs the scan still reads every kubelet; it only loses the CSR states and advice. */
	private static List<CertificateSigningRequest> csrs(ClusterReader reader, AtomicInteger requests) {
		try {
			requests.incrementAndGet();
			return reader.certificateSigningRequests();
		}
		catch (ClusterAccessException ex) {
			return List.of();
		}
	}

	/** The node's name and the addresses of its Node status: what its serving certificate may name. */
	private static Set<String> names(Node node) {
		Set<String> names = new HashSet<>();
		names.add(node.getMetadata().getName());
		if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
			for (NodeAddress address : node.getStatus().getAddresses()) {
				if (address.getAddress() != null) {
					names.add(address.getAddress());
				}
			}
		}
		return names;
	}

	private static List<X509CertificateHolder> bundle(ClusterReader reader, AtomicInteger requests) {
		try {
			requests.incrementAndGet();
			String pem = reader.configMap(CA_NAMESPACE, CA_CONFIG_MAP)
				.map(ConfigMap::getData)
				.map((data) -> data.get("ca.crt"))
				.orElse(null);
			return (pem != null && !pem.isBlank()) ? Certificates.readPem(pem) : List.of();
		}
		catch (ClusterAccessException | IllegalArgumentException ex) {
			return List.of();
		}
	}

	private static ClusterScan.ServingApproval servingApproval(List<NodeScan> scans, CsrIndex csrs) {
		boolean any = false;
		for (NodeScan scan : scans) {
			for (CsrIndex.Entry csr : csrs.forNode(scan.node())) {
				if (!CsrRecord.KUBELET_SERVING_SIGNER.equals(csr.signerName())) {
					continue;
				}
				any = true;
				if (csr.condition() == CsrCondition.APPROVED || csr.condition() == CsrCondition.ISSUED) {
					return ClusterScan.ServingApproval.SEEN;
				}
			}
		}
		return any ? ClusterScan.ServingApproval.NEVER : ClusterScan.ServingApproval.NO_REQUESTS;
	}

}
