package io.kubeletdoctor.diagnosis.rules;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.Confidence;
import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.Diagnoser;
import io.kubeletdoctor.diagnosis.Diagnosis;
import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import io.kubeletdoctor.diagnosis.StepStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.authority;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.clientCsr;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.days;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.healthyNode;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.hours;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.kubeletDown;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.minutes;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.selfSigned;
import static io.kubeletdoctor.diagnosis.rules.EvidenceBuilder.servingCsr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule bean together behind the Diagnoser, on the misleading situations: what the on-call engineer
 * reads as the root cause, and what stays among the other causes.
 */
class DiagnosisScenariosTests {

	private static AnnotationConfigApplicationContext context;

	private static Diagnoser diagnoser;

	@BeforeAll
	static void startRules() {
		context = new AnnotationConfigApplicationContext();
		context.scan("io.kubeletdoctor.diagnosis.rules");
		context.register(Diagnoser.class);
		context.refresh();
		diagnoser = context.getBean(Diagnoser.class);
	}

	@AfterAll
	static void stopRules() {
		context.close();
	}

	@Test
	void everyRuleIsABean() {
		Map<String, DiagnosisRule> rules = context.getBeansOfType(DiagnosisRule.class);
		assertThat(rules).hasSize(18);
		assertThat(rules.values().stream().filter(DiagnosisRule::fallback)).hasSize(2);
	}

	@Test
	void healthyNodeWithAStaleAlertHasNoFault() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.NO_FAULT_FOUND);
		assertThat(diagnosis.rootCause().confidence()).isEqualTo(Confidence.HIGH);
		assertThat(diagnosis.otherCauses()).isEmpty();
	}

	@Test
	void refusedPortWithAnExpiredClientCertificateIsTheCertificate() {
		Diagnosis diagnosis = diagnoser.diagnose(kubeletDown().step(Steps.KUBELET_LOGS, StepStatus.OK)
			.log(LogSignal.NO_VALID_CLIENT_CERTIFICATE,
					"No valid client certificate is found and the server is responsive, exiting.")
			.build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(codes(diagnosis)).doesNotContain(RootCauseCode.KUBELET_NOT_RUNNING, RootCauseCode.UNDETERMINED);
	}

	@Test
	void refusedPortWithoutCertificateTroubleIsAStoppedKubelet() {
		Diagnosis diagnosis = diagnoser.diagnose(kubeletDown().build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.KUBELET_NOT_RUNNING);
		assertThat(diagnosis.rootCause().confidence()).isEqualTo(Confidence.MEDIUM);
	}

	@Test
	void expiredSelfSignedCertificateComesBeforeTheDisabledRotationBehindIt() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().config(true, false)
			.serverTtl(null)
			.serving(selfSigned(days(368), days(-3)))
			.build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.SERVING_CERT_EXPIRED);
		assertThat(codes(diagnosis)).containsExactly(RootCauseCode.SERVING_CERT_EXPIRED,
				RootCauseCode.ROTATION_DISABLED);
	}

	@Test
	void pendingServingCsrsWithAValidCertificateAreReportedNotHealthy() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode()
			.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(20)))
			.build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.SERVING_CSR_NOT_APPROVED);
		assertThat(diagnosis.rootCause().confidence()).isEqualTo(Confidence.HIGH);
	}

	@Test
	void expiredCaExplainsTheUnsignedCsrs() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().caBundle(authority(days(3650), days(-1)))
			.csr(clientCsr("csr-k1", CsrCondition.APPROVED, minutes(40)))
			.clusterApprovedNotIssued(9)
			.build());
		assertThat(codes(diagnosis)).containsExactly(RootCauseCode.CA_EXPIRED, RootCauseCode.CSR_NOT_ISSUED);
	}

	@Test
	void missingNodeIsNamedAsSuch() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().nodeNotFound().build());
		assertThat(codes(diagnosis)).containsExactly(RootCauseCode.NODE_NOT_FOUND);
	}

	@Test
	void unreadableKubeletIsUndeterminedNotHealthy() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().unavailable(Steps.KUBELET_CERTIFICATES)
			.unavailable(Steps.KUBELET_LOGS)
			.build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.UNDETERMINED);
		assertThat(diagnosis.otherCauses()).isEmpty();
	}

	@Test
	void renewalsPendingWhileSubjectAccessReviewsAreForbiddenStillNameTheMissingBinding() {
		Diagnosis diagnosis = diagnoser.diagnose(ClientCsrNotAuthorizedRuleTests.renewalsPending()
			.rbac(null, false, false)
			.kubeadmBindingsWithout(ClientCsrNotAuthorizedRuleTests.ROTATION_BINDING)
			.rbacEvaluatedStatically()
			.step(Steps.RBAC, StepStatus.WARNING)
			.build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED);
		assertThat(diagnosis.rootCause().confidence()).isEqualTo(Confidence.MEDIUM);
		assertThat(diagnosis.rootCause().summary()).contains("not confirmed by a SubjectAccessReview");
		assertThat(codes(diagnosis)).doesNotContain(RootCauseCode.CSR_APPROVER_NOT_RUNNING,
				RootCauseCode.NO_FAULT_FOUND);
	}

	@Test
	void missingKubeadmBindingIsNotTheCauseWhenAnotherBindingGrantsAutoApproval() {
		Diagnosis diagnosis = diagnoser.diagnose(ClientCsrNotAuthorizedRuleTests.renewalsPending()
			.rbac(true, true, null)
			.kubeadmBindingsWithout(ClientCsrNotAuthorizedRuleTests.ROTATION_BINDING)
			.controllerManagerLeaseAge(minutes(40))
			.build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.CSR_APPROVER_NOT_RUNNING);
		assertThat(diagnosis.rootCause().confidence()).isEqualTo(Confidence.HIGH);
		assertThat(codes(diagnosis)).doesNotContain(RootCauseCode.CLIENT_CSR_NOT_AUTHORIZED);
	}

	@Test
	void anonymousCsrRefusalIsTheExpiredCertificateFirstAndNeverAnRbacGrant() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().clientTtl(Double.POSITIVE_INFINITY)
			.heartbeatLost(hours(1))
			.log(LogSignal.CSR_CREATE_FORBIDDEN, CsrCreateForbiddenRuleTests.ANONYMOUS_FORBIDDEN)
			.build());
		assertThat(codes(diagnosis)).containsExactly(RootCauseCode.CLIENT_CERT_EXPIRED,
				RootCauseCode.CSR_CREATE_FORBIDDEN);
		Finding forbidden = diagnosis.otherCauses().get(0);
		assertThat(forbidden.summary()).contains("system:anonymous");
		assertThat(RuleOutcome.commands(forbidden)).doesNotContain("clusterrolebinding");
	}

	@Test
	void unauthorizedCsrCreationAloneIsNotAPermissionProblem() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().clientTtl(null)
			.heartbeatLost(hours(1))
			.log(LogSignal.CSR_CREATE_UNAUTHORIZED, CsrCreateForbiddenRuleTests.UNAUTHORIZED)
			.build());
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.CLIENT_CERT_EXPIRED);
		assertThat(codes(diagnosis)).doesNotContain(RootCauseCode.CSR_CREATE_FORBIDDEN);
	}

	@Test
	void caBundleMidRotationWithTheKubeletOnTheOldCaIsNoMismatch() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode()
			.caBundle(authority(days(3450), days(200)), authority("kubernetes-2026", days(10), days(3640)))
			.servingChainsToBundle(true)
			.build());
		assertThat(codes(diagnosis)).doesNotContain(RootCauseCode.CA_MISMATCH);
		assertThat(diagnosis.rootCause().code()).isEqualTo(RootCauseCode.NO_FAULT_FOUND);
	}

	@Test
	void rotatedCaRanksBeforeTheServingCsrItLeftBehind() {
		Diagnosis diagnosis = diagnoser.diagnose(healthyNode().caBundle(authority("kubernetes-2026", days(10),
				days(3640)))
			.servingChainsToBundle(false)
			.log(LogSignal.UNKNOWN_AUTHORITY, CaMismatchRuleTests.UNKNOWN_AUTHORITY)
			.csr(servingCsr("csr-a1", CsrCondition.PENDING, minutes(20)))
			.build());
		assertThat(codes(diagnosis)).containsExactly(RootCauseCode.CA_MISMATCH, RootCauseCode.SERVING_CSR_NOT_APPROVED);
		assertThat(diagnosis.rootCause().confidence()).isEqualTo(Confidence.HIGH);
	}

	private static List<RootCauseCode> codes(Diagnosis diagnosis) {
		return Stream.concat(Stream.of(diagnosis.rootCause()),
				diagnosis.otherCauses().stream()).map(Finding::code).toList();
	}

}
