package io.kubeletdoctor.diagnosis.rules;

import java.util.List;

import io.kubeletdoctor.diagnosis.CsrCondition;
import io.kubeletdoctor.diagnosis.CsrRecord;
import io.kubeletdoctor.diagnosis.LogSignal;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.springframework.stereotype.Component;

/** A CSR of the node was denied, by a person or a custom approver (upstream controllers never deny). */
@Component
class CsrDeniedRule extends RejectedCsrRule {

	CsrDeniedRule() {
		super(RootCauseCode.CSR_DENIED, CsrCondition.DENIED, LogSignal.CSR_DENIED);
	}

	@Override
	String title() {
		return "Certificate request denied";
	}

	@Override
	List<Remediation> remediation(CsrRecord csr, String node) {
		return List.of(
				new Remediation("Read why " + csr.name() + " was denied and what it asked for (the condition does"
						+ " not record who denied it: the approver's logs or the API audit log do)",
						List.of(conditions(csr.name()), decodeRequest(csr.name()))),
				new Remediation("Fix the cause (approver policy, or the node's names and addresses), then check"
						+ " and approve the kubelet's next CSR for " + node,
						List.of(Commands.csrsOf(csr.signerName()))));
	}

}
