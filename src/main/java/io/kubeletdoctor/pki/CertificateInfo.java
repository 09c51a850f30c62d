package io.kubeletdoctor.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What kubelet-doctor needs to know about one X.509 certificate, parsed once with BouncyCastle.
 * Key identifiers are lowercase hex so certificates can be matched to their issuers without the
 * original encoding.
 */
public record CertificateInfo(String subject, @Nullable String commonName, List<String> organizations,
		String issuer, Instant notBefore, Instant notAfter, List<String> dnsNames, List<String> ipAddresses,
		String keyAlgorithm, int keySize, boolean selfSigned, boolean certificateAuthority,
		@Nullable String subjectKeyId, @Nullable String authorityKeyId, String serialNumber) {

	public boolean isExpiredAt(Instant now) {
		return now.isAfter(this.notAfter);
	}

	public boolean isNotYetValidAt(Instant now) {
		return now.isBefore(this.notBefore);
	}

	public Duration lifetime() {
		return Duration.between(this.notBefore, this.notAfter);
	}

	/** Negative once the certificate has expired. */
	public Duration remainingAt(Instant now) {
		return Duration.between(now, this.notAfter);
	}

	/**
	 * The kubelet's certificate manager renews at a random point between 70 % and 90 % of the
	 * lifetime; these are the two ends of that window.
	 */
	public Instant rotationWindowStart() {
		return this.notBefore.plus(lifetime().multipliedBy(7).dividedBy(10));
	}

	public Instant rotationWindowEnd() {
		return this.notBefore.plus(lifetime().multipliedBy(9).dividedBy(10));
	}

}
