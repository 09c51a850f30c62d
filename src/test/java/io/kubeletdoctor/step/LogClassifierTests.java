package io.kubeletdoctor.step;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.LogSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LogClassifierTests {

	private static final String KLOG = "E0312 10:15:01.123456    1234 ";

	private static final String INFO = "I0312 10:15:01.123456    1234 ";

	static Stream<Arguments> upTo121() {
		return Stream.of(
				arguments(KLOG + "certificate_manager.go:437] Failed while requesting a signed certificate from the master: "
						+ "cannot create certificate signing request: Unauthorized", LogSignal.CSR_CREATE_UNAUTHORIZED),
				arguments(KLOG + "certificate_manager.go:437] certificate request was not signed: timed out waiting for the condition",
						LogSignal.CSR_NOT_SIGNED_TIMEOUT),
				arguments(INFO + "certificate_manager.go:412] Current certificate is expired.",
						LogSignal.CURRENT_CERTIFICATE_EXPIRED),
				arguments(INFO + "certificate_manager.go:270] Certificate rotation is not enabled, no connection to the apiserver.",
						LogSignal.ROTATION_NOT_ENABLED),
				arguments(KLOG + "certificate_manager.go:421] Reached backoff limit, still unable to rotate certs: "
						+ "timed out waiting for the condition", LogSignal.BACKOFF_LIMIT_REACHED),
				arguments(KLOG + "transport.go:110] It has been 5m0s since a valid client cert was found, but the server is "
						+ "not responsive. A restart may be necessary to retrieve new initial credentials.",
						LogSignal.NO_VALID_CLIENT_CERTIFICATE),
				arguments("F0312 10:15:01.123456    1234 transport.go:106] It has been 5m0s since a valid client cert was "
						+ "found and the server is responsive, exiting.", LogSignal.NO_VALID_CLIENT_CERTIFICATE),
				// Go before 1.16 gave no detail: read as expired
				arguments(KLOG + "certificate_manager.go:437] Failed while requesting a signed certificate from the master: "
						+ "cannot create certificate signing request: Post https://10.0.0.1:6443/apis/certificates.k8s.io/v1beta1/"
						+ "certificatesigningrequests: x509: certificate has expired or is not yet valid",
						LogSignal.CERTIFICATE_EXPIRED),
				arguments(KLOG + "certificate_manager.go:437] Failed while requesting a signed certificate from the master: "
						+ "cannot create certificate signing request: Post https://10.0.0.1:6443/apis/certificates.k8s.io/"
						+ "v1beta1/certificatesigningrequests: dial tcp 10.0.0.1:6443: connect: connection refused",
						LogSignal.CSR_CREATE_FAILED));
	}

	static Stream<Arguments> from122To130() {
		String client = "kubernetes.io/kube-apiserver-client-kubelet: ";
		String serving = "kubernetes.io/kubelet-serving: ";
		return Stream.of(
				arguments(KLOG + "certificate_manager.go:471] " + client + "Failed while requesting a signed certificate "
						+ "from the control plane: cannot create certificate signing request: certificatesigningrequests."
						+ "certificates.k8s.io is forbidden: User \"system:anonymous\" cannot create resource "
						+ "\"certificatesigningrequests\" in API group \"certificates.k8s.io\" at the cluster scope",
						LogSignal.CSR_CREATE_FORBIDDEN),
				arguments(KLOG + "certificate_manager.go:562] " + serving
						+ "certificate request was not signed: timed out waiting for the condition",
						LogSignal.CSR_NOT_SIGNED_TIMEOUT),
				arguments(KLOG + "certificate_manager.go:562] " + client + "certificate request was not signed: certificate "
						+ "signing request is denied, reason: AdminDenied, message: not one of our nodes", LogSignal.CSR_DENIED),
				arguments(KLOG + "certificate_manager.go:562] " + serving + "certificate request was not signed: certificate "
						+ "signing request failed, reason: SignerValidationFailure, message: DNS or IP subjectAltName is required",
						LogSignal.CSR_FAILED),
				arguments(INFO + "certificate_manager.go:356] " + client + "Current certificate is expired",
						LogSignal.CURRENT_CERTIFICATE_EXPIRED),
				arguments(KLOG + "transport.go:123] \"No valid client certificate is found but the server is not responsive. "
						+ "A restart may be necessary to retrieve new initial credentials.\" lastCertificateAvailabilityTime="
						+ "\"2025-03-12 09:00:00 +0000 UTC\" shutdownThreshold=\"5m0s\"", LogSignal.NO_VALID_CLIENT_CERTIFICATE),
				arguments(INFO + "log.go:194] http: TLS handshake error from 10.0.0.5:51234: no serving certificate available "
						+ "for the kubelet", LogSignal.NO_SERVING_CERTIFICATE),
				arguments(KLOG + "certificate_manager.go:471] " + client + "Failed while requesting a signed certificate from "
						+ "the control plane: cannot create certificate signing request: Post \"https://10.0.0.1:6443/apis/"
						+ "certificates.k8s.io/v1/certificatesigningrequests\": tls: failed to verify certificate: x509: "
						+ "certificate signed by unknown authority", LogSignal.UNKNOWN_AUTHORITY),
				arguments(KLOG + "certificate_manager.go:471] " + client + "Failed while requesting a signed certificate from "
						+ "the control plane: cannot create certificate signing request: Post \"https://10.0.0.1:6443/apis/"
						+ "certificates.k8s.io/v1/certificatesigningrequests\": tls: failed to verify certificate: x509: "
						+ "certificate has expired or is not yet valid: current time 2025-03-12T10:15:01Z is after "
						+ "2025-03-01T00:00:00Z", LogSignal.CERTIFICATE_EXPIRED),
				arguments(KLOG + "certificate_manager.go:471] " + client + "Failed while requesting a signed certificate from "
						+ "the control plane: cannot create certificate signing request: Post \"https://10.0.0.1:6443/apis/"
						+ "certificates.k8s.io/v1/certificatesigningrequests\": tls: failed to verify certificate: x509: "
						+ "certificate has expired or is not yet valid: current time 2019-01-01T00:00:00Z is before "
						+ "2025-03-01T00:00:00Z", LogSignal.CERTIFICATE_NOT_YET_VALID),
				arguments(KLOG + "certificate_manager.go:471] " + client + "Reached backoff limit, still unable to rotate "
						+ "certs: timed out waiting for the condition", LogSignal.BACKOFF_LIMIT_REACHED));
	}

	static Stream<Arguments> from131To132() {
		String unhandled = KLOG + "log.go:32] \"Unhandled Error\" err=\"";
		return Stream.of(
				arguments(unhandled + "kubernetes.io/kube-apiserver-client-kubelet: Failed while requesting a signed "
						+ "certificate from the control plane: cannot create certificate signing request: Unauthorized\" "
						+ "logger=\"UnhandledError\"", LogSignal.CSR_CREATE_UNAUTHORIZED),
				arguments(unhandled + "kubernetes.io/kubelet-serving: certificate request was not signed: timed out waiting "
						+ "for the condition\" logger=\"UnhandledError\"", LogSignal.CSR_NOT_SIGNED_TIMEOUT),
				arguments(unhandled + "kubernetes.io/kube-apiserver-client-kubelet: Failed while requesting a signed "
						+ "certificate from the control plane: cannot create certificate signing request: certificatesigning"
						+ "requests.certificates.k8s.io is forbidden: User \\\"system:node:n1\\\" cannot create resource "
						+ "\\\"certificatesigningrequests\\\" in API group \\\"certificates.k8s.io\\\" at the cluster scope\" "
						+ "logger=\"UnhandledError\"", LogSignal.CSR_CREATE_FORBIDDEN),
				arguments(unhandled + "kubernetes.io/kube-apiserver-client-kubelet: Reached backoff limit, still unable to "
						+ "rotate certs: timed out waiting for the condition\" logger=\"UnhandledError\"",
						LogSignal.BACKOFF_LIMIT_REACHED),
				arguments(unhandled + "kubernetes.io/kube-apiserver-client-kubelet: certificate request was not signed: "
						+ "certificate signing request is denied, reason: AdminDenied, message: no\" logger=\"UnhandledError\"",
						LogSignal.CSR_DENIED));
	}

	static Stream<Arguments> from133() {
		String clientLogger = " logger=\"kubernetes.io/kube-apiserver-client-kubelet.UnhandledError\"";
		return Stream.of(
				arguments(KLOG + "certificate_manager.go:579] \"Certificate request was not signed\" err=\"timed out waiting "
						+ "for the condition\"" + clientLogger, LogSignal.CSR_NOT_SIGNED_TIMEOUT),
				arguments(KLOG + "certificate_manager.go:546] \"Failed while requesting a signed certificate from the control "
						+ "plane\" err=\"cannot create certificate signing request: Unauthorized\"" + clientLogger,
						LogSignal.CSR_CREATE_UNAUTHORIZED),
				arguments(KLOG + "certificate_manager.go:579] \"Certificate request was not signed\" err=\"certificate signing "
						+ "request is denied, reason: AdminDenied, message: denied by policy\" "
						+ "logger=\"kubernetes.io/kubelet-serving.UnhandledError\"", LogSignal.CSR_DENIED),
				arguments(KLOG + "certificate_manager.go:546] \"Failed while requesting a signed certificate from the control "
						+ "plane\" err=\"cannot create certificate signing request: certificatesigningrequests.certificates.k8s.io "
						+ "\\\"csr-7xk2p\\\" is forbidden: can only create a node CSR with CN=system:node:n1\"" + clientLogger,
						LogSignal.CSR_CREATE_FORBIDDEN),
				arguments(INFO + "certificate_manager.go:412] \"Current certificate is expired\" "
						+ "logger=\"kubernetes.io/kube-apiserver-client-kubelet\"", LogSignal.CURRENT_CERTIFICATE_EXPIRED),
				arguments(KLOG + "transport.go:137] \"The currently active client certificate has expired and the server is "
						+ "responsive, exiting.\"", LogSignal.CLIENT_CERTIFICATE_EXPIRED),
				arguments(KLOG + "transport.go:126] \"No valid client certificate is found and the server is responsive, "
						+ "exiting.\" lastCertificateAvailabilityTime=\"2025-03-12 09:00:00 +0000 UTC\" shutdownThreshold=\"5m0s\"",
						LogSignal.NO_VALID_CLIENT_CERTIFICATE),
				arguments(KLOG + "certificate_manager.go:562] \"Reached backoff limit, still unable to rotate certs\" "
						+ "err=\"timed out waiting for the condition\"" + clientLogger, LogSignal.BACKOFF_LIMIT_REACHED),
				arguments(INFO + "certificate_manager.go:320] \"Certificate rotation is not enabled, no connection to the "
						+ "apiserver\" logger=\"kubernetes.io/kube-apiserver-client-kubelet\"", LogSignal.ROTATION_NOT_ENABLED));
	}

	@ParameterizedTest
	@MethodSource("upTo121")
	void classifiesKubeletUpTo121(String line, LogSignal signal) {
		assertThat(LogClassifier.classify(line)).contains(signal);
	}

	@ParameterizedTest
	@MethodSource("from122To130")
	void classifiesKubeletFrom122To130(String line, LogSignal signal) {
		assertThat(LogClassifier.classify(line)).contains(signal);
	}

	@ParameterizedTest
	@MethodSource("from131To132")
	void classifiesUnhandledErrorWrappingOf131And132(String line, LogSignal signal) {
		assertThat(LogClassifier.classify(line)).contains(signal);
	}

	@ParameterizedTest
	@MethodSource("from133")
	void classifiesStructuredLinesFrom133(String line, LogSignal signal) {
		assertThat(LogClassifier.classify(line)).contains(signal);
	}

	@Test
	void leavesProgressAndUnrelatedLinesUnclassified() {
		assertThat(LogClassifier.classify(INFO + "certificate_manager.go:356] \"Certificate rotation deadline determined\" "
				+ "expiration=\"2026-03-12 10:00:00 +0000 UTC\" deadline=\"2026-01-10 04:12:33 +0000 UTC\"")).isEmpty();
		assertThat(LogClassifier.classify(INFO + "certificate_manager.go:356] kubernetes.io/kube-apiserver-client-kubelet: "
				+ "Rotating certificates")).isEmpty();
		assertThat(LogClassifier.classify(INFO + "csr.go:261] \"Certificate signing request is issued\" csr=\"csr-7xk2p\""))
			.isEmpty();
		assertThat(LogClassifier.classify(KLOG + "reflector.go:147] failed to list *v1.Pod: Unauthorized")).isEmpty();
	}

	/** A rejected certificate makes every API call Unauthorized; the kubelet's own heartbeats say it of itself. */
	@Test
	void classifiesUnauthorizedHeartbeatsApartFromCsrCreation() {
		assertThat(LogClassifier.classify(KLOG + "kubelet_node_status.go:549] \"Error updating node status, will retry\" "
				+ "err=\"error getting node \\\"n1\\\": Unauthorized\"")).contains(LogSignal.API_UNAUTHORIZED);
		assertThat(LogClassifier.classify(KLOG + "controller.go:145] \"Failed to ensure lease exists, will retry\" "
				+ "err=\"Unauthorized\" interval=\"7s\"")).contains(LogSignal.API_UNAUTHORIZED);
		assertThat(LogClassifier.classify(KLOG + "certificate_manager.go:562] kubernetes.io/kube-apiserver-client-kubelet: "
				+ "Failed while requesting a signed certificate from the control plane: cannot create certificate signing "
				+ "request: Unauthorized")).contains(LogSignal.CSR_CREATE_UNAUTHORIZED);
	}

}
