package io.kubeletdoctor.notify;

import io.kubeletdoctor.notify.NotificationRoutes.InvalidRouteException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken route into Spring Boot's short start-failure report instead of a stack trace. */
class InvalidRouteFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRouteException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRouteException cause) {
		return new FailureAnalysis("A notification route cannot work: " + cause.getMessage(),
				"Fix the property named above. A route needs a name, a type (" + SinkType.names()
						+ ") and either url or url-file; routes also need kubelet-doctor.public-url.",
				cause);
	}

}
