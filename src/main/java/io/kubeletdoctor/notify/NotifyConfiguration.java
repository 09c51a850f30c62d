package io.kubeletdoctor.notify;

import io.kubeletdoctor.report.PublicUrlProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ NotifyProperties.class, PublicUrlProperties.class })
class NotifyConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(NotifyConfiguration.class);

	/** Checked at start: a broken route, or routes without a public URL for their links, stop it. */
	@Bean
	NotificationRoutes notificationRoutes(NotifyProperties properties, PublicUrlProperties publicUrl) {
		NotificationRoutes routes = NotificationRoutes.of(properties, publicUrl.publicUrl());
		if (!routes.isEmpty()) {
			logger.info("Notifying {}", routes.routes());
		}
		return routes;
	}

	@Bean(destroyMethod = "close")
	Deliveries notificationDeliveries(NotifyProperties properties, MeterRegistry registry) {
		return new Deliveries(properties, registry);
	}

}
