package io.kubeletdoctor.intake;

import io.kubeletdoctor.support.TestPostgres;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/** {@link WebhookDeliveryProperties} against the service on a PostgreSQL database of its own; fewer tries. */
@Tag("postgres")
@AddLifecycleHook(PostgresAvailable.class)
@PropertyDefaults(tries = 25)
class WebhookDeliveryOnPostgresPropertyTests extends WebhookDeliveryProperties {

	private static TestPostgres.@Nullable Database database;

	private static @Nullable IntakeService service;

	@BeforeContainer
	static void start() {
		database = TestPostgres.createDatabase();
		service = IntakeService.on(database);
	}

	@AfterContainer
	static void stop() {
		if (service != null) {
			service.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Override
	IntakeService service() {
		return service;
	}

}
