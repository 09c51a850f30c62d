package io.kubeletdoctor.intake;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Counters Alertmanager operators watch: notifications received, duplicated and rejected by reason. */
@Component
class IntakeMetrics {

	private final MeterRegistry registry;

	IntakeMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void received() {
		this.registry.counter("kubelet.doctor.notifications.received").increment();
	}

	void duplicated() {
		this.registry.counter("kubelet.doctor.notifications.duplicated").increment();
	}

	void rejected(String reason) {
		this.registry.counter("kubelet.doctor.notifications.rejected", "reason", reason).increment();
	}

}
