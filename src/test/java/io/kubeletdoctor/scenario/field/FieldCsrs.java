package io.kubeletdoctor.scenario.field;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.pki.IssuedCertificate;
import io.kubeletdoctor.scenario.NodeCertificates;

/**
 * The CSRs a kubelet leaves behind, by age in minutes: Pending ones filed every 15 minutes, approved
 * ones a signer never served, and the issued one that ended the trouble. Ages keep within what the
 * CSR cleaner leaves: Pending and approved-never-issued up to 24 hours, denied, failed and issued
 * up to one hour.
 */
final class FieldCsrs {

	static final List<String> NODE_IPS = List.of(NodeCertificates.NODE_IP);

	private static final Duration BACKDATE = Duration.ofMinutes(5);

	private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

	private FieldCsrs() {
	}

	/** Ages from {@code oldest} down to {@code newest} minutes, one every 15 minutes as the kubelet retries. */
	static int[] every15Minutes(int oldest, int newest) {
		int count = (oldest - newest) / 15 + 1;
		int[] ages = new int[count];
		for (int i = 0; i < count; i++) {
			ages[i] = oldest - 15 * i;
		}
		return ages;
	}

	static Instant ago(SimulatedCluster cluster, int minutes) {
		return cluster.clock().instant().minus(Duration.ofMinutes(minutes));
	}

	/**
	 * The generated name of the CSR {@code node} filed for {@code signer} {@code minutes} ago: five
	 * letters of {@code generateName} drawn from a digest, so the dozens of one node never collide.
	 */
	static String name(String node, String signer, int minutes) {
		byte[] digest = sha256(node + "|" + signer + "|" + minutes);
		StringBuilder name = new StringBuilder("csr-");
		for (int i = 0; i < 5; i++) {
			name.append(NAME_ALPHABET.charAt(Math.floorMod(digest[i], NAME_ALPHABET.length())));
		}
		return name.toString();
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A Pending CSR of {@code node} for {@code signer} filed {@code minutes} ago, as the kubelet files it. */
	static CertificateSigningRequest request(SimulatedCluster cluster, String node, String signer, int minutes) {
		String name = name(node, signer, minutes);
		Instant created = ago(cluster, minutes);
		return SimulatedCsrs.SERVING_SIGNER.equals(signer)
				? SimulatedCsrs.kubeletServing(name, node, NODE_IPS, created)
				: SimulatedCsrs.kubeletClient(name, node, created);
	}

	/** Pending CSRs of {@code node} for {@code signer}, one per age. */
	static void pending(SimulatedCluster cluster, String node, String signer, int... ages) {
		for (int minutes : ages) {
			cluster.addCsr(request(cluster, node, signer, minutes));
		}
	}

	/** Approved CSRs (client: by the approver a second later; serving: by kubectl) that no signer served. */
	static void approvedNeverIssued(SimulatedCluster cluster, String node, String signer, int... ages) {
		for (int minutes : ages) {
			cluster.addCsr(SimulatedCsrs.approved(request(cluster, node, signer, minutes)));
		}
	}

	/** A client CSR filed {@code minutes} ago, auto-approved and issued by {@code ca} for a year. */
	static CertificateSigningRequest issuedClient(SimulatedCluster cluster, String node, int minutes,
			IssuedCertificate ca) {
		CertificateSigningRequest csr = SimulatedCsrs.issued(
				request(cluster, node, SimulatedCsrs.CLIENT_SIGNER, minutes), ca, clientNotAfter(cluster, minutes));
		cluster.addCsr(csr);
		return csr;
	}

	/** When a client certificate issued for a year {@code minutes} ago expires (the signer backdates 5 minutes). */
	static Instant clientNotAfter(SimulatedCluster cluster, int minutes) {
		return ago(cluster, minutes).plus(Duration.ofDays(365)).minus(BACKDATE);
	}

	/**
	 * A serving CSR filed {@code minutes} ago, approved by kubectl two minutes later and issued by
	 * {@code ca}: the certificate the kubelet serves from then on, which this returns.
	 */
	static IssuedCertificate issuedServing(SimulatedCluster cluster, String node, int minutes, IssuedCertificate ca) {
		CertificateSigningRequest approved = SimulatedCsrs.approved(
				request(cluster, node, SimulatedCsrs.SERVING_SIGNER, minutes));
		Instant notBefore = ago(cluster, minutes).plus(Duration.ofMinutes(2)).minus(BACKDATE);
		IssuedCertificate served = NodeCertificates.serving(node, ca, notBefore, notBefore.plus(Duration.ofDays(365)));
		cluster.addCsr(SimulatedCsrs.issued(approved, served.certificate()));
		return served;
	}

	/** Approved by a controller other than kube-controller-manager, with its own reason and message. */
	static CertificateSigningRequest approvedBy(CertificateSigningRequest csr, String reason, String message,
			Instant at) {
		String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
		return new CertificateSigningRequestBuilder(csr).editOrNewStatus()
			.addToConditions(new CertificateSigningRequestConditionBuilder().withType("Approved")
				.withStatus("True")
				.withReason(reason)
				.withMessage(message)
				.withLastUpdateTime(time)
				.withLastTransitionTime(time)
				.build())
			.endStatus()
			.build();
	}

	/** The same request as filed with a bootstrap token: requester {@code system:bootstrap:<id>}, kubeadm's group. */
	static CertificateSigningRequest bootstrapped(CertificateSigningRequest csr, String tokenId) {
		return new CertificateSigningRequestBuilder(csr).editSpec()
			.withUsername("system:bootstrap:" + tokenId)
			.withGroups("system:bootstrappers", "system:bootstrappers:kubeadm:default-node-token",
					"system:authenticated")
			.endSpec()
			.build();
	}

}
