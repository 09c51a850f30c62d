package io.kubeletdoctor.diagnosis;

import java.util.Map;

/**
 * Rotation settings from the kubelet's {@code /configz}. The fields are {@code omitempty} in the
 * kubelet, so an absent field has already been read as false.
 */
public record KubeletConfigFacts(boolean rotateCertificates, boolean serverTlsBootstrap,
		Map<String, Boolean> featureGates) {

	/** {@code RotateKubeletServerCertificate} has defaulted to true since 1.12. */
	public boolean serverRotationGateOn() {
		return this.featureGates.getOrDefault("RotateKubeletServerCertificate", true);
	}

}
