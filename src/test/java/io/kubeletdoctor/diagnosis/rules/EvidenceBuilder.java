package io.kubeletdoctor.diagnosis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.kubeletdoctor.cluster.Reachability;
import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import io.kubeletdoctor.diagnosis.KubeletEndpointFacts;
import io.kubeletdoctor.diagnosis.KubeletLogFacts;
import io.kubeletdoctor.diagnosis.KubeletMetricsFacts;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.NodeFacts;
import io.kubeletdoctor.diagnosis.ObservedCertificate;
import io.kubeletdoctor.diagnosis.RbacFacts;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.pki.CertificateInfo;
import org.jspecify.annotations.Nullable;

/**
 * Builds evidence for rule tables, starting from a healthy node whose seven steps all gathered, so
 * each row states only what differs. Facts of a step that did not gather are left out, as a real
 * step would.
 */
final class EvidenceBuilder {

	static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");

	static final String NODE = "worker-1";

	static final String ENDPOINT = "10.0.0.5:10250";

	static final String CLUSTER_CA = "CN=kubernetes";

	/** The ClusterRoleBindings kubeadm creates for TLS bootstrap and client rotation. */
	static final List<String> KUBEADM_BINDINGS = List.of("kubeadm:kubelet-bootstrap",
			"kubeadm:node-autoapprove-bootstrap", "kubeadm:node-autoapprove-certificate-rotation");

	private NodeFacts node = node("True", "KubeletReady", Duration.ofSeconds(5));

	private @Nullable KubeletEndpointFacts endpoint = new KubeletEndpointFacts(ENDPOINT, Reachability.TLS_OK, null,
			List.of(caSigned(days(165), days(200))));

	private @Nullable Double clientTtl = (double) days(250).getSeconds();

	private @Nullable Double serverTtl = (double) days(200).getSeconds();

	private boolean metrics = true;

	private @Nullable KubeletConfigFacts config = new KubeletConfigFacts(true, true, Map.of());

	private final List<KubeletLogFacts.Line> logs = new ArrayList<>();

	private final List<CsrRecord> csrs = new ArrayList<>();

	private int clusterApprovedNotIssued;

	private List<CertificateInfo> caBundle = List.of(authority(days(400), days(3250)));

	private @Nullable Duration controllerManagerLeaseAge = Duration.ofSeconds(2);

	private @Nullable Boolean servingChainsToBundle = Boolean.TRUE;

	private RbacFacts rbac = new RbacFacts(true, true, true, List.of(), List.of(), false);

	private final List<ObservedCertificate> certificates = new ArrayList<>();

	private final Map<String, StepStatus> steps = new LinkedHashMap<>();

	private EvidenceBuilder() {
		Steps.ALL.forEach((step) -> this.steps.put(step, StepStatus.OK));
	}

	static EvidenceBuilder healthyNode() {
		return new EvidenceBuilder();
	}

	/** Port refused, node silent for two hours, nothing readable through the kubelet. */
	static EvidenceBuilder kubeletDown() {
		return healthyNode().heartbeatLost(Duration.ofHours(2))
			.port(Reachability.REFUSED)
			.noMetrics()
			.noConfig()
			.step(Steps.KUBELET_CERTIFICATES, StepStatus.CRITICAL)
			.unavailable(Steps.KUBELET_LOGS);
	}

	static Duration days(long days) {
		return Duration.ofDays(days);
	}

	static Duration hours(long hours) {
		return Duration.ofHours(hours);
	}

	static Duration minutes(long minutes) {
		return Duration.ofMinutes(minutes);
	}

	/** A certificate issued {@code age} ago that expires {@code remaining} from now (negative: expired). */
	static CertificateInfo caSigned(Duration age, Duration remaining) {
		return certificate("system:node:" + NODE, CLUSTER_CA, age, remaining, false, false);
	}

	static CertificateInfo selfSigned(Duration age, Duration remaining) {
		return certificate(NODE + "@1700000000", null, age, remaining, true, false);
	}

	static CertificateInfo authority(Duration age, Duration remaining) {
		return authority("kubernetes", age, remaining);
	}

	static CertificateInfo authority(String commonName, Duration age, Duration remaining) {
		return certificate(commonName, null, age, remaining, true, true);
	}

	private static CertificateInfo certificate(String commonName, @Nullable String issuer, Duration age,
			Duration remaining, boolean selfSigned, boolean authority) {
		String subject = authority ? "CN=" + commonName : "O=system:nodes,CN=" + commonName;
		return new CertificateInfo(subject, commonName, authority ? List.of() : List.of("system:nodes"),
				(issuer != null) ? issuer : subject, NOW.minus(age), NOW.plus(remaining), List.of(NODE),
				List.of("10.0.0.5"), "EC", 256, selfSigned, authority, null, null,
				Long.toHexString(commonName.hashCode() + age.getSeconds()));
	}

	static CsrRecord servingCsr(String name, CsrCondition condition, Duration age) {
		return csr(name, CsrRecord.KUBELET_SERVING_SIGNER, condition, age, null, null, null);
	}

	static CsrRecord clientCsr(String name, CsrCondition condition, Duration age) {
		return csr(name, CsrRecord.KUBELET_CLIENT_SIGNER, condition, age, null, null, null);
	}

	static CsrRecord csr(String name, String signer, CsrCondition condition, Duration age,
			@Nullable Instant issuedNotAfter, @Nullable String reason, @Nullable String message) {
		boolean serving = CsrRecord.KUBELET_SERVING_SIGNER.equals(signer);
		return new CsrRecord(name, signer, "system:node:" + NODE, condition, age, "system:node:" + NODE,
				List.of("system:nodes"), serving ? List.of(NODE, "10.0.0.5") : List.of(),
				List.of("digital signature", serving ? "server auth" : "client auth"), issuedNotAfter, reason, message,
				true);
	}

	private static CsrRecord renamed(CsrRecord csr, String name) {
		return new CsrRecord(name, csr.signerName(), csr.username(), csr.condition(), csr.age(), csr.commonName(),
				csr.organizations(), csr.sans(), csr.usages(), csr.issuedNotAfter(), csr.reason(), csr.message(),
				csr.proofOfPossession());
	}

	/** The same CSR filed by another requester, such as a bootstrap token. */
	static CsrRecord requestedBy(CsrRecord csr, String username) {
		return new CsrRecord(csr.name(), csr.signerName(), username, csr.condition(), csr.age(), csr.commonName(),
				csr.organizations(), csr.sans(), csr.usages(), csr.issuedNotAfter(), csr.reason(), csr.message(),
				csr.proofOfPossession());
	}

	private static NodeFacts node(String ready, String reason, Duration leaseAge) {
		return new NodeFacts(NODE, true, ready, reason, null, leaseAge, leaseAge, 40, "v1.33.2", List.of(), "10.0.0.5",
				10250);
	}

	EvidenceBuilder nodeNotFound() {
		this.node = NodeFacts.notFound(NODE);
		return this;
	}

	/** Lease not renewed for {@code since}; the node controller has set Ready Unknown. */
	EvidenceBuilder heartbeatLost(Duration since) {
		this.node = node("Unknown", "NodeStatusUnknown", since);
		return this;
	}

	EvidenceBuilder notReady(String reason) {
		this.node = node("False", reason, Duration.ofSeconds(5));
		return this;
	}

	EvidenceBuilder serving(CertificateInfo leaf) {
		this.endpoint = new KubeletEndpointFacts(ENDPOINT, Reachability.TLS_OK, null, List.of(leaf));
		return this;
	}

	EvidenceBuilder port(Reachability reachability) {
		String error = switch (reachability) {
			case REFUSED -> "Connection refused";
			case TIMEOUT -> "connect timed out";
			case HANDSHAKE_FAILED -> "Received fatal alert: internal_error";
			default -> null;
		};
		this.endpoint = new KubeletEndpointFacts(ENDPOINT, reachability, error, List.of());
		return this;
	}

	EvidenceBuilder clientTtl(@Nullable Double seconds) {
		this.clientTtl = seconds;
		return this;
	}

	EvidenceBuilder serverTtl(@Nullable Double seconds) {
		this.serverTtl = seconds;
		return this;
	}

	EvidenceBuilder noMetrics() {
		this.metrics = false;
		return this;
	}

	EvidenceBuilder config(boolean rotateCertificates, boolean serverTlsBootstrap) {
		this.config = new KubeletConfigFacts(rotateCertificates, serverTlsBootstrap, Map.of());
		return this;
	}

	EvidenceBuilder noConfig() {
		this.config = null;
		return this;
	}

	EvidenceBuilder log(LogSignal signal, String text) {
		this.logs.add(new KubeletLogFacts.Line(signal, text));
		return this;
	}

	EvidenceBuilder csr(CsrRecord csr) {
		this.csrs.add(csr);
		return this;
	}

	EvidenceBuilder clusterApprovedNotIssued(int count) {
		this.clusterApprovedNotIssued = count;
		return this;
	}

	EvidenceBuilder caBundle(CertificateInfo... bundle) {
		this.caBundle = List.of(bundle);
		return this;
	}

	EvidenceBuilder controllerManagerLeaseAge(Duration age) {
		this.controllerManagerLeaseAge = age;
		return this;
	}

	/** The controller-manager's leader Lease does not exist. */
	EvidenceBuilder noControllerManagerLease() {
		this.controllerManagerLeaseAge = null;
		return this;
	}

	EvidenceBuilder servingChainsToBundle(@Nullable Boolean chains) {
		this.servingChainsToBundle = chains;
		return this;
	}

	/** SubjectAccessReview answers for the node identity; null when undecided. */
	EvidenceBuilder rbac(@Nullable Boolean createCsr, @Nullable Boolean selfNodeClient, @Nullable Boolean nodeClient) {
		this.rbac = new RbacFacts(createCsr, selfNodeClient, nodeClient, this.rbac.bootstrapBindingsPresent(),
				this.rbac.bootstrapBindingsMissing(), this.rbac.evaluatedStatically());
		return this;
	}

	/** A kubeadm cluster whose bootstrap bindings are all there except {@code missing}. */
	EvidenceBuilder kubeadmBindingsWithout(String... missing) {
		List<String> absent = List.of(missing);
		List<String> present = KUBEADM_BINDINGS.stream().filter((binding) -> !absent.contains(binding)).toList();
		this.rbac = new RbacFacts(this.rbac.createCsrAllowed(), this.rbac.selfNodeClientAllowed(),
				this.rbac.nodeClientAllowed(), present, absent, this.rbac.evaluatedStatically());
		return this;
	}

	/** SubjectAccessReviews were forbidden to the service, so the rbac step read the bindings itself. */
	EvidenceBuilder rbacEvaluatedStatically() {
		this.rbac = new RbacFacts(this.rbac.createCsrAllowed(), this.rbac.selfNodeClientAllowed(),
				this.rbac.nodeClientAllowed(), this.rbac.bootstrapBindingsPresent(), this.rbac.bootstrapBindingsMissing(),
				true);
		return this;
	}

	EvidenceBuilder observed(CertificateRole role, CertificateInfo info) {
		this.certificates.add(new ObservedCertificate(role, info, "test"));
		return this;
	}

	EvidenceBuilder step(String step, StepStatus status) {
		this.steps.put(step, status);
		return this;
	}

	EvidenceBuilder unavailable(String step) {
		return step(step, StepStatus.UNAVAILABLE);
	}

	Evidence build() {
		return build(NODE, UnaryOperator.identity());
	}

	/**
	 * The same facts for a node named {@code node}, with every CSR renamed by {@code csrNames}: how a
	 * test puts hostile values where the rules take names from.
	 */
	Evidence build(String node, UnaryOperator<String> csrNames) {
		Evidence evidence = new Evidence(node, NOW);
		this.steps.forEach((step, status) -> evidence.recordStep(step, status, step + " could not be read in this test"));
		if (evidence.gathered(Steps.NODE_STATUS)) {
			evidence.put(this.node);
		}
		if (evidence.gathered(Steps.KUBELET_CERTIFICATES)) {
			putIfPresent(evidence, this.endpoint);
			putIfPresent(evidence, this.config);
			if (this.metrics) {
				evidence.put(new KubeletMetricsFacts(this.clientTtl, this.serverTtl, 0.0, 0.0));
			}
			this.certificates.forEach(evidence::addCertificate);
		}
		if (evidence.gathered(Steps.KUBELET_LOGS)) {
			evidence.put(new KubeletLogFacts(List.copyOf(this.logs)));
		}
		if (evidence.gathered(Steps.CERTIFICATE_REQUESTS)) {
			evidence.put(new CertificateRequestFacts(
					this.csrs.stream().map((csr) -> renamed(csr, csrNames.apply(csr.name()))).toList(),
					this.clusterApprovedNotIssued));
		}
		if (evidence.gathered(Steps.CERTIFICATE_AUTHORITY)) {
			evidence.put(new CertificateAuthorityFacts(this.caBundle, this.servingChainsToBundle,
					this.controllerManagerLeaseAge));
		}
		if (evidence.gathered(Steps.RBAC)) {
			evidence.put(this.rbac);
		}
		return evidence;
	}

	private static void putIfPresent(Evidence evidence, @Nullable Object fact) {
		if (fact != null) {
			evidence.put(fact);
		}
	}

}
