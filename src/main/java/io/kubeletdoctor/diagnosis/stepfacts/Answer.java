package io.kubeletdoctor.diagnosis.stepfacts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A yes or no, or the reason it could not be decided. Stored as a JSON boolean, or as the text when
 * undecided.
 */
public record Answer(@Nullable Boolean decided, @Nullable String undecided) {

	public static Answer of(boolean yes) {
		return new Answer(yes, null);
	}

	public static Answer undecided(String why) {
		return new Answer(null, why);
	}

	public boolean yes() {
		return Boolean.TRUE.equals(this.decided);
	}

	public boolean no() {
		return Boolean.FALSE.equals(this.decided);
	}

	@JsonValue
	Object json() {
		return (this.decided != null) ? this.decided : String.valueOf(this.undecided);
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static Answer fromJson(Object value) {
		return (value instanceof Boolean yes) ? of(yes) : undecided(String.valueOf(value));
	}

}
