package io.kubeletdoctor.playbook;

import java.util.List;

/**
 * A playbook as written in {@code playbooks/*.yaml}: which alerts it answers and which steps it
 * runs, in order. The {@code fallback} playbook answers alerts no playbook names.
 */
public record Playbook(String name, String title, List<String> alerts, boolean fallback, List<String> steps) {
}
