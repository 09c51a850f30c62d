package io.kubeletdoctor.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.demo.KubeletMetricsText;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedNode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * Kubelet certificates as their issuers make them: CA-signed serving certificates for the node's name
 * and address, the kubelet's own self-generated {@code kubelet.crt}, and stable CSR names.
 */
public final class NodeCertificates {

	/** Where every simulated kubelet listens, and so the IP SAN of its serving certificate. */
	public static final String NODE_IP = "127.0.0.1";

	private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

	private NodeCertificates() {
	}

	/** A serving certificate for {@code node} signed by {@code ca}, as the kubelet-serving signer issues it. */
	public static IssuedCertificate serving(String node, IssuedCertificate ca, Instant notBefore, Instant notAfter) {
		return CertificateFactory.leaf("system:node:" + node, List.of("system:nodes"),
				CertificateFactory.Spec.serving(List.of(node), List.of(NODE_IP)), ca, notBefore, notAfter);
	}

	/**
	 * The kubelet's self-generated serving pair, as client-go writes it at first start without
	 * serverTLSBootstrap: a leaf {@code <host>@<unix time>} signed by a throw-away
	 * {@code <host>-ca@<unix time>} CA, both served, valid one year.
	 */
	public static SimulatedNode selfGenerated(SimulatedNode node, Instant generated) {
		long stamp = generated.getEpochSecond();
		Instant notAfter = generated.plus(Duration.ofDays(365));
		IssuedCertificate ca = CertificateFactory.certificateAuthority(node.name() + "-ca@" + stamp, generated,
				notAfter);
		IssuedCertificate leaf = CertificateFactory.leaf(node.name() + "@" + stamp, List.of(),
				CertificateFactory.Spec.serving(List.of(node.name()), List.of()), ca, generated, notAfter);
		return node.servingCertificate(leaf, ca.certificate());
	}

	/** A CSR name as {@code generateName: csr-} gives, stable for the same node and seed. */
	static String csrName(String node, int seed) {
		int hash = (node + "#" + seed).hashCode();
		StringBuilder name = new StringBuilder("csr-");
		for (int i = 0; i < 5; i++) {
			name.append(NAME_ALPHABET.charAt(Math.floorMod(hash, NAME_ALPHABET.length())));
			hash = hash * 31 + 7;
		}
		return name.toString();
	}

	/**
	 * A node whose client certificate expired: Unknown and silent for {@code silentFor}, serving a
	 * valid CA-signed certificate between restarts, the client TTL gauge at +Inf.
	 */
	public static SimulatedNode silentWithExpiredClient(SimulatedCluster cluster, String node, String version,
			Duration silentFor) {
		Instant now = cluster.clock().instant();
		return cluster.node(node)
			.kubeletVersion(version)
			.statusUnknown(silentFor)
			.servingCertificate(serving(node, cluster.clusterCa(), now.minus(Duration.ofDays(150)),
					now.plus(Duration.ofDays(215))))
			.metrics(KubeletMetricsText.certificateMetrics(Double.POSITIVE_INFINITY,
					KubeletMetricsText.ttl(Duration.ofDays(215)), 7, 0));
	}

}
