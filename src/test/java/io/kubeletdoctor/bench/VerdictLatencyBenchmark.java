package io.kubeletdoctor.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Webhook → verdict and webhook answer times on the default H2 file database. A benchmark, not a
 * test: it asserts only that every alert was acknowledged and diagnosed, and runs when asked:
 * {@code ./mvnw test -Dtest='VerdictLatency*Benchmark' -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class VerdictLatencyBenchmark {

	static final int WARMUP = 30;

	static final int VERDICTS = 100;

	static final int PER_SECOND = 100;

	static final int NOTIFICATIONS = 1500;

	@Test
	void onH2() throws Exception {
		try (VerdictLatency service = VerdictLatency.onH2()) {
			measure(service);
		}
	}

	static void measure(VerdictLatency service) throws Exception {
		service.verdicts(WARMUP);
		service.print("webhook -> COMPLETED, one alert at a time", service.verdicts(VERDICTS));
		service.print("webhook answer at " + PER_SECOND + " notifications/s with drains running",
				service.acknowledgements(NOTIFICATIONS, PER_SECOND));
	}

}
