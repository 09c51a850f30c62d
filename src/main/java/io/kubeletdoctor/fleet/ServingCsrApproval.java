package io.kubeletdoctor.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.kubeletdoctor.diagnosis.ShellQuoting;
import io.kubeletdoctor.step.CsrDecoder;
import io.kubeletdoctor.step.CsrIndex;
import org.jspecify.annotations.Nullable;

/**
 * Checks a Pending kubelet-serving CSR as a careful approver would: the requester is the node its
 * CN names ({@code system:node:<name>} in group {@code system:nodes}), the subject is that node,
 * the SANs are only the node's own names and addresses from its Node status, the usages are one of
 * the two sets kubelets ask for (key encipherment only with an RSA key), the key is RSA of at least
 * 2048 bits or ECDSA, and the request's own key verifies its signature (proof of possession).
 */
final class ServingCsrApproval {

	private static final Set<String> USAGES = Set.of("digital signature", "server auth");

	private static final Set<String> RSA_USAGES = Set.of("digital signature", "key encipherment", "server auth");

	private ServingCsrApproval() {
	}

	static ApprovalAdvice advise(String node, CsrIndex.Entry csr, List<String> groups, Set<String> nodeNames) {
		String identity = "system:node:" + node;
		CsrDecoder.DecodedRequest request = csr.request();
		List<String> checks = new ArrayList<>();
		List<String> failed = new ArrayList<>();
		check(identity.equals(csr.username()) && groups.contains("system:nodes"),
				"requested by " + identity + " in group system:nodes (was " + csr.username() + ")", checks, failed);
		if (request == null) {
			failed.add("the request cannot be decoded: " + csr.decodeError());
			return advice(csr, checks, failed);
		}
		check(identity.equals(request.commonName()) && List.of("system:nodes").equals(request.organizations()),
				"subject CN=" + identity + ", O=system:nodes", checks, failed);
		check(!request.sans().isEmpty() && nodeNames.containsAll(request.sans()),
				"SANs " + request.sans() + " are only the node's names and addresses", checks, failed);
		boolean rsa = request.key().startsWith("RSA ");
		Set<String> usages = Set.copyOf(csr.usages());
		check(usages.equals(USAGES) || (rsa && usages.equals(RSA_USAGES)), "usages " + csr.usages(), checks, failed);
		check(keyAcceptable(request.key()), "key " + request.key(), checks, failed);
		check(request.proofOfPossession(), "the request is signed by its own key", checks, failed);
		return advice(csr, checks, failed);
	}

	private static boolean keyAcceptable(String key) {
		if (key.startsWith("RSA ")) {
			return bits(key) >= 2048;
		}
		return key.startsWith("ECDSA ") && bits(key) >= 256;
	}

	private static int bits(String key) {
		try {
			return Integer.parseInt(key.substring(key.indexOf(' ') + 1));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void check(boolean passed, String what, List<String> checks, List<String> failed) {
		checks.add(what + (passed ? ": yes" : ": NO"));
		if (!passed) {
			failed.add(what);
		}
	}

	private static ApprovalAdvice advice(CsrIndex.Entry csr, List<String> checks, List<String> failed) {
		@Nullable String command = failed.isEmpty() ? "kubectl certificate approve " + ShellQuoting.quote(csr.name())
				: null;
		return new ApprovalAdvice(csr.name(), failed.isEmpty(), checks, command,
				failed.isEmpty() ? null : "do not approve: " + String.join("; ", failed));
	}

}
