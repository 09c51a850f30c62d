package io.kubeletdoctor.step;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.demo.SimulatedNode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;

/** The kubelet's self-generated kubelet.crt (kubeadm without serverTLSBootstrap), for the step tests. */
final class NodeCertificatesForSteps {

	private NodeCertificatesForSteps() {
	}

	static SimulatedNode selfSigned(SimulatedNode node, Instant now) {
		Instant generated = now.minus(Duration.ofDays(30));
		long stamp = generated.getEpochSecond();
		IssuedCertificate ca = CertificateFactory.certificateAuthority(node.name() + "-ca@" + stamp, generated,
				generated.plus(Duration.ofDays(365)));
		IssuedCertificate leaf = CertificateFactory.leaf(node.name() + "@" + stamp, List.of(),
				CertificateFactory.Spec.serving(List.of(node.name()), List.of("127.0.0.1")), ca, generated,
				generated.plus(Duration.ofDays(365)));
		return node.servingCertificate(leaf, ca.certificate());
	}

}
