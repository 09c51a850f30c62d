package io.kubeletdoctor.diagnosis;

import io.kubeletdoctor.pki.CertificateInfo;

/** A certificate seen while diagnosing, with the role it plays and where it was read. */
public record ObservedCertificate(CertificateRole role, CertificateInfo info, String source) {
}
