package io.kubeletdoctor.fleet;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an approver must check before approving a Pending kubelet-serving CSR by hand (nothing
 * upstream approves them), and the verdict. Advice only: the service never approves.
 * @param checks each check and whether it passed, e.g. "requester is system:node:worker-1: yes"
 * @param command {@code kubectl certificate approve <name>} when every check passed, else null
 * @param reason why it is not safe, or null when it is
 */
public record ApprovalAdvice(String csr, boolean safe, List<String> checks, @Nullable String command,
		@Nullable String reason) {
}
