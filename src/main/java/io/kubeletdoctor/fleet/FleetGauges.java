package io.kubeletdoctor.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The latest scans as Prometheus gauges: {@code kubelet_doctor_certificate_expiry_timestamp_seconds}
 * and {@code kubelet_doctor_certificate_rotation_ok} with labels cluster, node and certificate
 * ({@code serving}, {@code client}, {@code ca}). Each showing replaces every row, so a node gone
 * from the latest scan loses its series. Every replica reloads the stored scans periodically, so
 * each exports the same values whichever one scanned. A CA renews nothing by itself, so its
 * rotation gauge is always 0; its node label is empty and it shows the bundle's first expiry.
 */
@Component
class FleetGauges implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(FleetGauges.class);

	private final MultiGauge expiry;

	private final MultiGauge rotationOk;

	private final ObjectProvider<FleetScans> scans;

	private final FleetProperties properties;

	private volatile ScheduledExecutorService refresher;

	FleetGauges(MeterRegistry registry, ObjectProvider<FleetScans> scans, FleetProperties properties) {
		this.expiry = MultiGauge.builder("kubelet.doctor.certificate.expiry.timestamp")
			.baseUnit("seconds")
			.description("NotAfter of each kubelet certificate and cluster CA, from the latest fleet scan")
			.register(registry);
		this.rotationOk = MultiGauge.builder("kubelet.doctor.certificate.rotation.ok")
			.description("1 when the certificate will be renewed before it expires, 0 when it cannot rotate")
			.register(registry);
		this.scans = scans;
		this.properties = properties;
	}

	void show(List<ClusterScan> latest) {
		List<MultiGauge.Row<?>> expiries = new ArrayList<>();
		List<MultiGauge.Row<?>> rotations = new ArrayList<>();
		for (ClusterScan scan : latest) {
			for (NodeScan node : scan.nodes()) {
				for (FleetCertificate certificate : node.certificates()) {
					Tags tags = Tags.of("cluster", scan.name(), "node", node.node(), "certificate",
							certificate.role().name().toLowerCase(Locale.ROOT));
					if (certificate.notAfter() != null) {
						expiries.add(MultiGauge.Row.of(tags, certificate.notAfter().getEpochSecond()));
					}
					if (certificate.rotation() != RotationState.UNKNOWN) {
						rotations.add(MultiGauge.Row.of(tags, certificate.rotation().canRotate() ? 1 : 0));
					}
				}
			}
			Optional<FleetCa> firstCa = scan.cas().stream().min(Comparator.comparing(FleetCa::notAfter));
			firstCa.ifPresent((ca) -> {
				Tags tags = Tags.of("cluster", scan.name(), "node", "", "certificate", "ca");
				expiries.add(MultiGauge.Row.of(tags, ca.notAfter().getEpochSecond()));
				rotations.add(MultiGauge.Row.of(tags, 0));
			});
		}
		this.expiry.register(expiries, true);
		this.rotationOk.register(rotations, true);
	}

	private void reload() {
		try {
			show(this.scans.getObject().latest());
		}
		catch (RuntimeException ex) {
			logger.warn("Fleet gauges not refreshed: {}", ex.getMessage());
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "fleet-gauges");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1000, this.properties.gaugeRefresh().toMillis());
		executor.scheduleWithFixedDelay(this::reload, 0, period, TimeUnit.MILLISECONDS);
		this.refresher = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.refresher;
		if (executor != null) {
			executor.shutdownNow();
			this.refresher = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.refresher != null;
	}

}
