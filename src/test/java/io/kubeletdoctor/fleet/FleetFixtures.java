package io.kubeletdoctor.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.demo.SimulatedCsrs;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.CertificateFactory.Spec;
import io.kubeletdoctor.pki.IssuedCertificate;

/**
 * The fleet the fleet tests scan: the demo scenarios plus a node whose certificate names carry
 * markup and whose Pending serving request names an address that is not its own.
 */
final class FleetFixtures {

	static final String NO_SAMPLE_ALERTS = "kubelet-doctor.demo.send-sample-alerts=false";

	/** Sets the fleet tests' context apart from the others': nodes are added and removed here. */
	static final String OWN_CONTEXT = "kubelet-doctor.fleet.parallel-nodes=4";

	static final String HOSTILE = "worker-hostile-issuer";

	static final String HOSTILE_CN = "<script>window.__xss=1</script>-ca@1700000000";

	static final String FOREIGN_SAN_CSR = "csr-foreign-san";

	static final String FOREIGN_ADDRESS = "10.9.9.9";

	private FleetFixtures() {
	}

	static void seed(SimulatedCluster cluster) {
		synchronized (SimulatedCluster.class) {
			if (cluster.client().nodes().withName(DemoScenarios.HEALTHY).get() == null) {
				DemoScenarios.seed(cluster);
				hostileIssuer(cluster);
			}
		}
	}

	/** A self-generated kubelet.crt whose throw-away CA carries markup in its name. */
	private static void hostileIssuer(SimulatedCluster cluster) {
		Instant now = Instant.now();
		IssuedCertificate ca = CertificateFactory.certificateAuthority(HOSTILE_CN, now.minus(Duration.ofDays(10)),
				now.plus(Duration.ofDays(355)));
		IssuedCertificate leaf = CertificateFactory.leaf(HOSTILE + "@1700000000", List.of(),
				Spec.serving(List.of(HOSTILE), List.of()), ca, now.minus(Duration.ofDays(10)),
				now.plus(Duration.ofDays(355)));
		cluster.node(HOSTILE).ready().servingCertificate(leaf, ca.certificate()).configz(true, false).apply();
		// a serving request naming an address that is not the node's: approving it would be unsafe
		cluster.addCsr(SimulatedCsrs.kubeletServing(FOREIGN_SAN_CSR, HOSTILE, List.of(FOREIGN_ADDRESS),
				now.minus(Duration.ofMinutes(4))));
	}

}
