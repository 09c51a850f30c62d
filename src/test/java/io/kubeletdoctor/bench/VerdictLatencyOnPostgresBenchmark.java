package io.kubeletdoctor.bench;

import io.kubeletdoctor.support.PostgresTest;
import io.kubeletdoctor.support.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** {@link VerdictLatencyBenchmark} on a PostgreSQL database of its own. */
@EnabledIfSystemProperty(named = "bench", matches = "true")
@PostgresTest
class VerdictLatencyOnPostgresBenchmark {

	@Test
	void onPostgres() throws Exception {
		try (TestPostgres.Database database = TestPostgres.createDatabase();
				VerdictLatency service = VerdictLatency.on(database)) {
			VerdictLatencyBenchmark.measure(service);
		}
	}

}
