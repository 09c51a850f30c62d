package io.kubeletdoctor.intake;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class IntakeConfiguration {

	@Bean
	FilterRegistrationBean<WebhookAuthenticationFilter> webhookAuthenticationFilter(WebhookCredential credential,
			IntakeMetrics metrics) {
		FilterRegistrationBean<WebhookAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new WebhookAuthenticationFilter(credential, metrics));
		registration.addUrlPatterns(AlertmanagerWebhookController.PATH);
		return registration;
	}

}
