package io.kubeletdoctor.fleet;

import java.util.List;

import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import org.jspecify.annotations.Nullable;

/**
 * The CIS Kubernetes Benchmark kubelet recommendations the scan answers, numbered as in v1.9.0
 * (v1.8.0 numbered the same two 4.2.11 and 4.2.12). The benchmark audits files and flags on the
 * node; this reads what the running kubelet reports in {@code /configz}, which is what counts.
 */
final class CisChecks {

	static final String BENCHMARK = "CIS Kubernetes Benchmark v1.9.0";

	static final String CLIENT_ROTATION = "4.2.10";

	static final String SERVER_ROTATION = "4.2.11";

	private CisChecks() {
	}

	/**
	 * @param servingSelfSigned the kubelet serves the self-signed {@code kubelet.crt} it made at
	 * start: server certificate rotation is not in use, whatever {@code /configz} would say (it is
	 * often not read then, since no token goes to a kubelet whose certificate does not verify)
	 */
	static List<CisCheck> of(@Nullable KubeletConfigFacts config, boolean servingSelfSigned) {
		return List.of(clientRotation(config), serverRotation(config, servingSelfSigned));
	}

	private static CisCheck clientRotation(@Nullable KubeletConfigFacts config) {
		String title = "Ensure that the --rotate-certificates argument is not set to false";
		if (config == null) {
			return unknown(CLIENT_ROTATION, title);
		}
		return config.rotateCertificates()
				? new CisCheck(CLIENT_ROTATION, BENCHMARK, title, CisCheck.Result.PASS, "rotateCertificates: true")
				: new CisCheck(CLIENT_ROTATION, BENCHMARK, title, CisCheck.Result.FAIL, "rotateCertificates: false");
	}

	/** Server rotation needs the feature gate (on by default) and serverTLSBootstrap. */
	private static CisCheck serverRotation(@Nullable KubeletConfigFacts config, boolean servingSelfSigned) {
		String title = "Verify that the RotateKubeletServerCertificate argument is set to true";
		if (config == null && servingSelfSigned) {
			return new CisCheck(SERVER_ROTATION, BENCHMARK, title, CisCheck.Result.FAIL,
					"the kubelet serves a self-signed kubelet.crt, which is never rotated");
		}
		if (config == null) {
			return unknown(SERVER_ROTATION, title);
		}
		if (!config.serverRotationGateOn()) {
			return new CisCheck(SERVER_ROTATION, BENCHMARK, title, CisCheck.Result.FAIL,
					"feature gate RotateKubeletServerCertificate=false");
		}
		return config.serverTlsBootstrap()
				? new CisCheck(SERVER_ROTATION, BENCHMARK, title, CisCheck.Result.PASS, "serverTLSBootstrap: true")
				: new CisCheck(SERVER_ROTATION, BENCHMARK, title, CisCheck.Result.FAIL,
						"serverTLSBootstrap: false (the kubelet serves a certificate it never rotates)");
	}

	private static CisCheck unknown(String id, String title) {
		return new CisCheck(id, BENCHMARK, title, CisCheck.Result.UNKNOWN, "/configz was not read");
	}

}
