package io.kubeletdoctor.report.web;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The beans the web slice needs from outside it: a store and a clock stopped at the fixtures' moment. */
@TestConfiguration(proxyBeanMethods = false)
class ReportWebTestConfiguration {

	@Bean
	InMemoryReports reports() {
		return new InMemoryReports();
	}

	@Bean
	Clock clock() {
		return Clock.fixed(ReportFixtures.NOW, ZoneOffset.UTC);
	}

}
