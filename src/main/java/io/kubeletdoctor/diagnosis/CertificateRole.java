package io.kubeletdoctor.diagnosis;

public enum CertificateRole {

	CLIENT, SERVING, CA

}
