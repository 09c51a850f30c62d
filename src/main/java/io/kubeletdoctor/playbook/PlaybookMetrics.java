package io.kubeletdoctor.playbook;

import java.time.Duration;

import io.kubeletdoctor.diagnosis.StepStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What operators graph about diagnoses: reports by root cause, failed runs, and how long each step
 * takes by outcome (a step that is often UNAVAILABLE or slow points at missing RBAC or a slow API).
 */
@Component
class PlaybookMetrics {

	private final MeterRegistry registry;

	PlaybookMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void stepFinished(String step, StepStatus status, Duration duration) {
		Timer.builder("kubelet.doctor.step.duration")
			.description("Time one playbook step took for one node")
			.tag("step", step)
			.tag("status", status.name())
			.register(this.registry)
			.record(duration);
	}

	void reportCompleted(String rootCause) {
		this.registry.counter("kubelet.doctor.reports.completed", "root_cause", rootCause).increment();
	}

	void reportFailed() {
		this.registry.counter("kubelet.doctor.reports.failed").increment();
	}

}
