package io.kubeletdoctor.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long stored data is kept.
 * @param reports reports older than this are deleted with their alerts and notifications, except
 * each node's newest report and reports still queued or running
 * @param rawBodies the raw notification body (the whole payload as received) is dropped after this
 * @param interval how often the retention job runs
 * @param batchSize rows deleted per transaction, small enough that the webhook never waits long
 */
@ConfigurationProperties("kubelet-doctor.retention")
record RetentionProperties(@DefaultValue("30d") Duration reports, @DefaultValue("1d") Duration rawBodies,
		@DefaultValue("1h") Duration interval, @DefaultValue("500") int batchSize) {
}
