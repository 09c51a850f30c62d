package io.kubeletdoctor.diagnosis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the steps gathered about one node, typed by fact record, plus how each step ended.
 * Steps write it in order; rules only read it.
 */
public final class Evidence {

	private final String node;

	private final Instant now;

	private final Map<Class<?>, Object> facts = new LinkedHashMap<>();

	private final Map<String, StepStatus> stepStatuses = new LinkedHashMap<>();

	private final Map<String, String> unavailable = new LinkedHashMap<>();

	private final List<ObservedCertificate> certificates = new ArrayList<>();

	public Evidence(String node, Instant now) {
		this.node = node;
		this.now = now;
	}

	public String node() {
		return this.node;
	}

	/** The moment of diagnosis: every age and time to expiry is measured from it. */
	public Instant now() {
		return this.now;
	}

	public <T> void put(T fact) {
		this.facts.put(fact.getClass(), fact);
	}

	public <T> Optional<T> get(Class<T> type) {
		return Optional.ofNullable(type.cast(this.facts.get(type)));
	}

	public void addCertificate(ObservedCertificate certificate) {
		this.certificates.add(certificate);
	}

	public List<ObservedCertificate> certificates() {
		return Collections.unmodifiableList(this.certificates);
	}

	/** Records how a step ended; {@code reason} says what could not be checked when it did not gather. */
	public void recordStep(String stepId, StepStatus status, String reason) {
		this.stepStatuses.put(stepId, status);
		if (!status.gathered() && status != StepStatus.SKIPPED) {
			this.unavailable.put(stepId, reason);
		}
	}

	public Map<String, StepStatus> stepStatuses() {
		return Collections.unmodifiableMap(this.stepStatuses);
	}

	public boolean gathered(String stepId) {
		StepStatus status = this.stepStatuses.get(stepId);
		return status != null && status.gathered();
	}

	/** Step id to the reason its evidence could not be gathered. */
	public Map<String, String> notChecked() {
		return Collections.unmodifiableMap(this.unavailable);
	}

}
