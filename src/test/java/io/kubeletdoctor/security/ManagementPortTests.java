package io.kubeletdoctor.security;

import io.kubeletdoctor.support.SimulatedClusterTestConfiguration;
import io.kubeletdoctor.support.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator on a port of its own, as the kustomize install runs it: probes and metrics answer
 * there without a credential, the rest of the actuator still needs the read token, and the
 * application's port no longer serves the actuator at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "kubelet-doctor.demo.send-sample-alerts=false" })
@ActiveProfiles("test")
@Import(SimulatedClusterTestConfiguration.class)
class ManagementPortTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void probesAndMetricsAnswerOnTheManagementPortAndTheRestNeedsTheToken() {
		Webhook management = new Webhook(this.managementPort);
		assertThat(management.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(management.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		assertThat(management.get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
		assertThat(management.get("/actuator/quartz", null).statusCode()).isEqualTo(401);
		assertThat(management.get("/actuator/quartz", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(200);
		assertThat(management.get("/actuator/env", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(404);
		assertThat(management.get("/actuator/heapdump", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(404);
		assertThat(management.get("/actuator/health", null).headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'"));
	}

	@Test
	void theApplicationPortServesNoActuator() {
		Webhook application = new Webhook(this.port);
		assertThat(application.get("/actuator/health", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(404);
		assertThat(application.get("/reports", "Bearer " + Webhook.READ_TOKEN).statusCode()).isEqualTo(200);
	}

}
