package io.kubeletdoctor.diagnosis;

import java.util.List;

/** One fix, as a title and the exact commands to run, in order. */
public record Remediation(String title, List<String> commands) {
}
