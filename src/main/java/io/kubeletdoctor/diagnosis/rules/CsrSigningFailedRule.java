package io.kubeletdoctor.diagnosis.rules;

import java.util.List;

import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.springframework.stereotype.Component;

/**
 * The signer refused an approved CSR of the node (SignerValidationFailure): its subject, SANs or
 * usages break the kubelet signer rules, e.g. a serving CSR without any DNS or IP name.
 */
@Component
class CsrSigningFailedRule extends RejectedCsrRule {

	CsrSigningFailedRule() {
		super(RootCauseCode.CSR_SIGNING_FAILED, CsrCondition.FAILED, LogSignal.CSR_FAILED);
	}

	@Override
	String title() {
		return "Certificate request failed signing";
	}

	@Override
	List<Remediation> remediation(CsrRecord csr, String node) {
		return List.of(
				new Remediation("Compare what " + csr.name() + " asked for with the signer's message (kubelet CSRs"
						+ " need O=system:nodes, CN=system:node:" + node + ", and serving ones a DNS or IP name)",
						List.of(conditions(csr.name()), decodeRequest(csr.name()),
								"kubectl get node " + Commands.quote(node) + " -o jsonpath='{.status.addresses}{\"\\n\"}'")),
				new Remediation("On the node: once the node name or addresses are fixed, restart the kubelet so it"
						+ " files a new CSR", List.of(Commands.RESTART_KUBELET)));
	}

}
