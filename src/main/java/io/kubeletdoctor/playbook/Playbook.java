package io.kubeletdoctor.playbook;

import java.util.List;

import io.kubeletdoctor.diagnosis.stepfacts.StepId;

/**
 * A playbook as written in {@code playbooks/*.yaml}: which alerts it answers and which steps it
 * runs, in order. The {@code fallback} playbook answers alerts no playbook names.
 */
public record Playbook(String name, String title, List<String> alerts, boolean fallback, List<StepId> steps) {
}
