package io.kubeletdoctor.diagnosis.stepfacts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Prometheus sample value. JSON has no infinity, so {@code +Inf}, {@code -Inf} and {@code NaN}
 * are stored as the strings Prometheus writes; whole numbers are stored without a fraction.
 */
public record MetricValue(double value) {

	public boolean positiveInfinity() {
		return this.value == Double.POSITIVE_INFINITY;
	}

	public boolean finite() {
		return Double.isFinite(this.value);
	}

	/** The value rounded towards zero; only meaningful when {@link #finite()}. */
	public long whole() {
		return (long) this.value;
	}

	@JsonValue
	Object json() {
		if (Double.isNaN(this.value)) {
			return "NaN";
		}
		if (Double.isInfinite(this.value)) {
			return (this.value > 0) ? "+Inf" : "-Inf";
		}
		return (this.value == Math.rint(this.value)) ? (Object) (long) this.value : this.value;
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static MetricValue fromJson(Object value) {
		if (value instanceof Number number) {
			return new MetricValue(number.doubleValue());
		}
		return switch (String.valueOf(value)) {
			case "+Inf" -> new MetricValue(Double.POSITIVE_INFINITY);
			case "-Inf" -> new MetricValue(Double.NEGATIVE_INFINITY);
			default -> new MetricValue(Double.NaN);
		};
	}

}
