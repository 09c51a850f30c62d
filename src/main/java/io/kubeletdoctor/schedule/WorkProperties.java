package io.kubeletdoctor.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How queued work is kept moving.
 * @param staleAfter a RUNNING report untouched this long is handed back
 * @param maxAttempts runs of one report before it is marked FAILED
 * @param sweepInterval how often stale work is handed back and queues drained
 */
@ConfigurationProperties("kubelet-doctor.work")
record WorkProperties(@DefaultValue("5m") Duration staleAfter, @DefaultValue("3") int maxAttempts,
		@DefaultValue("15s") Duration sweepInterval) {
}
