package io.kubeletdoctor.step;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeletdoctor.cluster.ClusterAccessException;
import io.kubeletdoctor.diagnosis.CertificateAuthorityFacts;
import io.kubeletdoctor.diagnosis.CertificateRequestFacts;
import io.kubeletdoctor.diagnosis.CertificateRole;
import io.kubeletdoctor.diagnosis.ObservedCertificate;
import io.kubeletdoctor.diagnosis.StepStatus;
import io.kubeletdoctor.diagnosis.stepfacts.Answer;
import io.kubeletdoctor.diagnosis.stepfacts.CertificateAuthorityStepFacts;
import io.kubeletdoctor.diagnosis.TimeSpan;
import io.kubeletdoctor.pki.CaChains;
import io.kubeletdoctor.pki.CertificateInfo;
import io.kubeletdoctor.pki.Certificates;
import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import io.kubeletdoctor.playbook.DiagnosisStep;
import io.kubeletdoctor.playbook.StepContext;
import io.kubeletdoctor.playbook.StepResult;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Step 6: the cluster CA bundle ({@code kube-root-ca.crt}, which holds two certificates during a CA
 * rotation), whether the kubelet's serving certificate chains to it, and whether the
 * controller-manager, which approves and signs kubelet CSRs, still holds its leader Lease. The
 * bundle and the Lease are cluster-scoped and read once per drain.
 */
@Component
class CertificateAuthorityStep implements DiagnosisStep {

	static final String NAMESPACE = "kube-system";

	static final String CA_CONFIG_MAP = "kube-root-ca.crt";

	static final String CA_KEY = "ca.crt";

	static final String CONTROLLER_MANAGER_LEASE = "kube-controller-manager";

	static final Duration EXPIRY_WARNING = Duration.ofDays(30);

	/** The leader renews every 2 s with a 15 s lease; a minute without renewal means no leader. */
	private static final Duration LEASE_STALE_MINIMUM = Duration.ofMinutes(1);

	@Override
	public StepId id() {
		return StepId.CERTIFICATE_AUTHORITY;
	}

	@Override
	public String title() {
		return "Cluster certificate authority";
	}

	@Override
	public StepResult run(StepContext context) {
		Optional<ConfigMap> configMap = context.shared("configmap/" + NAMESPACE + "/" + CA_CONFIG_MAP,
				() -> context.reader().configMap(NAMESPACE, CA_CONFIG_MAP));
		String pem = configMap.map(ConfigMap::getData).map((data) -> data.get(CA_KEY)).orElse(null);
		if (pem == null || pem.isBlank()) {
			return StepResult.unavailable("ConfigMap " + NAMESPACE + "/" + CA_CONFIG_MAP + " with key " + CA_KEY
					+ " not found; read the CA on a control-plane node", ManualCommands.CLUSTER_CA);
		}
		List<X509CertificateHolder> bundle;
		String unreadable = null;
		try {
			bundle = Certificates.readPem(pem);
		}
		catch (IllegalArgumentException ex) {
			bundle = List.of();
			unreadable = ex.getMessage();
		}
		List<CertificateInfo> infos = bundle.stream().map(Certificates::describe).toList();
		String source = "ConfigMap " + NAMESPACE + "/" + CA_CONFIG_MAP;
		infos.forEach((info) -> context.evidence().addCertificate(new ObservedCertificate(CertificateRole.CA, info, source)));

		Instant now = context.evidence().now();
		List<X509Certificate> served = context.evidence()
			.get(HandshakeChain.class)
			.map(HandshakeChain::certificates)
			.orElse(List.of());
		Boolean chains = CaChains.servingChainsTo(served, bundle);
		LeaseReading lease = controllerManagerLease(context, now);
		CertificateAuthorityStepFacts facts = new CertificateAuthorityStepFacts(infos.size(), infos.size() > 1,
				infos.stream().map((ca) -> describe(ca, now)).toList(),
				(chains != null) ? Answer.of(chains) : Answer.undecided("undecided"), Timestamps.seconds(lease.age()),
				lease.note(), context.evidence()
					.get(CertificateRequestFacts.class)
					.map(CertificateRequestFacts::clusterApprovedNotIssued)
					.orElse(null));
		context.evidence().put(new CertificateAuthorityFacts(infos, chains, lease.age()));

		List<String> problems = new ArrayList<>();
		List<String> concerns = new ArrayList<>();
		if (infos.isEmpty()) {
			concerns.add(CA_KEY + ((unreadable != null) ? " is unreadable: " + unreadable : " holds no certificate"));
		}
		for (CertificateInfo ca : infos) {
			if (ca.isExpiredAt(now)) {
				problems.add("CA " + ca.subject() + " expired " + TimeSpan.ago(ca.remainingAt(now).negated()));
			}
			else if (ca.remainingAt(now).compareTo(EXPIRY_WARNING) < 0) {
				concerns.add("CA " + ca.subject() + " expires in " + TimeSpan.of(ca.remainingAt(now)));
			}
		}
		if (Boolean.FALSE.equals(chains)) {
			concerns.add("the kubelet's serving certificate is not signed by any CA in the bundle");
		}
		if (lease.stale()) {
			concerns.add("the controller-manager Lease was last renewed " + TimeSpan.ago(lease.age()));
		}
		StepStatus status = !problems.isEmpty() ? StepStatus.CRITICAL
				: !concerns.isEmpty() ? StepStatus.WARNING : StepStatus.OK;
		return StepResult.of(status, summary(infos, chains, problems, concerns, now), facts);
	}

	private LeaseReading controllerManagerLease(StepContext context, Instant now) {
		try {
			Optional<Lease> lease = context.shared("lease/" + NAMESPACE + "/" + CONTROLLER_MANAGER_LEASE,
					() -> context.reader().lease(NAMESPACE, CONTROLLER_MANAGER_LEASE));
			if (lease.isEmpty() || lease.get().getSpec() == null || lease.get().getSpec().getRenewTime() == null) {
				return new LeaseReading(null, false, "absent (a managed control plane hides it)");
			}
			Duration age = Duration.between(lease.get().getSpec().getRenewTime().toInstant(), now);
			Integer duration = lease.get().getSpec().getLeaseDurationSeconds();
			Duration limit = Duration.ofSeconds(2L * ((duration != null) ? duration : 15));
			boolean stale = age.compareTo((limit.compareTo(LEASE_STALE_MINIMUM) > 0) ? limit : LEASE_STALE_MINIMUM) > 0;
			return new LeaseReading(age, stale, "held by " + lease.get().getSpec().getHolderIdentity());
		}
		catch (ClusterAccessException ex) {
			return new LeaseReading(null, false, "not readable: " + ex.getMessage());
		}
	}

	private static String describe(CertificateInfo ca, Instant now) {
		return ca.subject() + " valid until " + ca.notAfter()
				+ (ca.isExpiredAt(now) ? " (expired)" : " (" + TimeSpan.of(ca.remainingAt(now)) + " left)");
	}

	private static String summary(List<CertificateInfo> infos, @Nullable Boolean chains, List<String> problems,
			List<String> concerns, Instant now) {
		List<String> all = new ArrayList<>(problems);
		all.addAll(concerns);
		if (!all.isEmpty()) {
			String text = String.join("; ", all);
			return Character.toUpperCase(text.charAt(0)) + text.substring(1);
		}
		CertificateInfo soonest = infos.stream()
			.min(Comparator.comparing(CertificateInfo::notAfter))
			.orElseThrow();
		String chain = (chains == null) ? "chain of the serving certificate undecided"
				: "serving certificate chains to it";
		return (infos.size() > 1 ? infos.size() + " CAs in the bundle (rotation), first expiring in " : "CA valid for ")
				+ TimeSpan.of(soonest.remainingAt(now)) + "; " + chain;
	}

	private record LeaseReading(@Nullable Duration age, boolean stale, String note) {
	}

}
