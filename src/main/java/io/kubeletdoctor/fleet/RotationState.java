package io.kubeletdoctor.fleet;

/**
 * Whether a certificate will be replaced before it expires. Anything but {@link #OK} and
 * {@link #UNKNOWN} means it cannot rotate: it will expire unless someone acts.
 */
public enum RotationState {

	/** Rotation is on and its last request went through. */
	OK,
	/** {@code rotateCertificates} or {@code serverTLSBootstrap} is off, or its feature gate. */
	DISABLED,
	/** The kubelet's own {@code kubelet.crt}, which it never renews. */
	SELF_SIGNED,
	/** kubelet-serving CSRs stay Pending: nothing approves them. */
	NOT_APPROVED,
	/** Renewal is attempted and fails: renew errors, CSRs approved and never issued, denied or failed. */
	FAILING,
	/** A CA: nothing renews it automatically. */
	MANUAL,
	/** The scan could not read enough to tell. */
	UNKNOWN;

	public boolean canRotate() {
		return this == OK;
	}

	public boolean cannotRotate() {
		return this != OK && this != UNKNOWN;
	}

}
