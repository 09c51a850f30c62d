package io.kubeletdoctor.fleet;

import java.time.Instant;

import io.kubeletdoctor.diagnosis.CertificateRole;
import org.jspecify.annotations.Nullable;

/**
 * One certificate of a node as the scan found it. {@code notAfter} is null when the kubelet holds no
 * valid certificate of that role (its TTL gauge reads +Inf); {@code issuer} is null when only the TTL
 * was read; {@code source} says where the dates come from.
 */
public record FleetCertificate(CertificateRole role, @Nullable Instant notAfter, @Nullable String issuer,
		String source, RotationState rotation, String rotationReason) {
}
