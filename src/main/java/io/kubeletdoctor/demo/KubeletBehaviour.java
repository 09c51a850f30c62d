package io.kubeletdoctor.demo;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one simulated kubelet answers, fixed when its node is applied so the API server can read
 * it from any thread.
 */
record KubeletBehaviour(String nodeName, String kubeletVersion, String address, int port, TlsMode tlsMode,
		ProxyAnswer configz,
		ProxyAnswer metrics, @Nullable ProxyAnswer logs, List<String> logLines) {

	/** The state of the kubelet's TLS port, which decides whether the API server can reach it at all. */
	enum TlsMode {

		SERVING, NO_SERVING_CERTIFICATE, HANGING, DOWN

	}

	/** One HTTP answer of the kubelet. */
	record ProxyAnswer(int status, String contentType, String body) {

		static final String TEXT = "text/plain; charset=utf-8";

		static ProxyAnswer text(int status, String body) {
			return new ProxyAnswer(status, TEXT, body);
		}

	}

}
