package io.kubeletdoctor.intake;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/** {@link WebhookDeliveryProperties} against the service on H2. */
@PropertyDefaults(tries = 80)
class WebhookDeliveryPropertyTests extends WebhookDeliveryProperties {

	private static @Nullable IntakeService service;

	@BeforeContainer
	static void start() {
		service = IntakeService.onH2();
	}

	@AfterContainer
	static void stop() {
		if (service != null) {
			service.close();
		}
	}

	@Override
	IntakeService service() {
		return service;
	}

}
