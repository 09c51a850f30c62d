package io.kubeletdoctor.diagnosis;

import java.util.List;

/**
 * A root cause named by a rule: its code, why the rule believes it ({@code evidence}), what would
 * prove it wrong ({@code refutedBy}) and how to fix it. The JSON field names are a contract.
 */
public record Finding(RootCauseCode code, String title, Confidence confidence, String summary,
		List<String> evidence, String refutedBy, List<Remediation> remediation) {
}
