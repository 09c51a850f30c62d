package io.kubeletdoctor.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * The one confidence policy every rule uses, defined by what would have to be true for the verdict
 * to be wrong. A rule names what it saw and every alternative that would explain the same
 * observation, and says for each whether it was checked and excluded:
 * <ul>
 * <li>HIGH: the fault itself was observed (the certificate on the wire, a CSR's conditions, the CA's
 * dates) and every alternative was checked and excluded;</li>
 * <li>MEDIUM: the fault was observed and exactly one alternative could not be checked;</li>
 * <li>LOW: an inference from symptoms, more than one alternative left open, or an alternative the
 * evidence supports.</li>
 * </ul>
 * How many checks agree does not matter; what is left open does. The lines name the observation and
 * each alternative left open with the reason, so the report says which one and why.
 */
public final class Grounds {

	private final String observation;

	private final boolean faultObserved;

	private final List<String> excluded = new ArrayList<>();

	private final List<String> open = new ArrayList<>();

	private final List<String> contradicted = new ArrayList<>();

	private Grounds(String observation, boolean faultObserved) {
		this.observation = observation;
		this.faultObserved = faultObserved;
	}

	/** The fault itself was seen: the certificate on the wire, a CSR's conditions, a CA's dates. */
	public static Grounds observed(String fault) {
		return new Grounds(fault, true);
	}

	/** Only symptoms were seen; the fault is inferred from them. Never more than LOW. */
	public static Grounds inferred(String symptoms) {
		return new Grounds(symptoms, false);
	}

	/**
	 * An alternative that would explain the same observation: {@code excluded} when it was checked and
	 * ruled out; otherwise {@code openBecause} says why it could not be.
	 */
	public Grounds excluding(String alternative, boolean excluded, String openBecause) {
		if (excluded) {
			this.excluded.add(alternative);
		}
		else {
			this.open.add(alternative + " (" + openBecause + ")");
		}
		return this;
	}

	/** An alternative ruled out by what was checked. */
	public Grounds excluded(String alternative) {
		return excluding(alternative, true, "");
	}

	/** An alternative that could not be checked, and why. */
	public Grounds open(String alternative, String because) {
		return excluding(alternative, false, because);
	}

	/** An alternative the evidence supports: the verdict may well be wrong. */
	public Grounds supported(String alternative, String because) {
		this.contradicted.add(alternative + " (" + because + ")");
		return this;
	}

	/**
	 * An alternative that only step {@code step} could rule out: open with the step's reason when it
	 * could not gather its evidence, else {@code excluded} decides.
	 */
	public Grounds excludingBy(Evidence evidence, String step, String alternative, boolean excluded) {
		String reason = evidence.notChecked().get(step);
		if (reason != null) {
			return open(alternative, step + " could not be checked: " + reason);
		}
		return excluding(alternative, excluded, "not ruled out by " + step);
	}

	public Confidence confidence() {
		if (!this.faultObserved || this.open.size() > 1 || !this.contradicted.isEmpty()) {
			return Confidence.LOW;
		}
		return this.open.isEmpty() ? Confidence.HIGH : Confidence.MEDIUM;
	}

	/** Alternatives left open, each with why. */
	public List<String> openAlternatives() {
		return List.copyOf(this.open);
	}

	/** Evidence lines: what was seen, what was ruled out, and what was left open and why. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add("Confidence " + confidence() + ": " + (this.faultObserved ? "observed " : "inferred from ")
				+ this.observation);
		if (!this.excluded.isEmpty()) {
			lines.add("Ruled out: " + String.join("; ", this.excluded));
		}
		this.open.forEach((alternative) -> lines.add("Not ruled out: " + alternative));
		this.contradicted.forEach((alternative) -> lines.add("Supported by the evidence: " + alternative));
		return lines;
	}

}
