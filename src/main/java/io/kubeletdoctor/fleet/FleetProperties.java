package io.kubeletdoctor.fleet;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fleet scan.
 * @param schedule Quartz cron expression of the clustered scan; {@code -} turns the schedule off
 * (the page can still start a scan)
 * @param parallelNodes nodes read at a time within one cluster; the cluster's rate limit sets the pace
 * @param gaugeRefresh how often each replica reloads the latest scans into its gauges, so every
 * replica exports the scan whichever replica ran it
 * @param scanAtStart request a scan once the application is ready (the demo profile does, so its
 * fleet page is filled at once)
 * @param openReports open a report for a node whose certificate is past its renewal window, or
 * cannot rotate and expires within 7 days, before any alert fires
 */
@ConfigurationProperties("kubelet-doctor.fleet")
record FleetProperties(@DefaultValue(FleetProperties.HOURLY) String schedule, @DefaultValue("8") int parallelNodes,
		@DefaultValue("1m") Duration gaugeRefresh, @DefaultValue("false") boolean scanAtStart,
		@DefaultValue("true") boolean openReports) {

	static final String HOURLY = "0 0 * * * ?";

	static final String OFF = "-";

	boolean scheduled() {
		return !OFF.equals(this.schedule.strip());
	}

}
