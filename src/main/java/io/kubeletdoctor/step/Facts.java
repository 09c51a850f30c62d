package io.kubeletdoctor.step;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The facts map a step shows in the report: simple values only, absent ones left out. */
final class Facts {

	private final Map<String, Object> values = new LinkedHashMap<>();

	Facts put(String key, @Nullable Object value) {
		if (value != null) {
			this.values.put(key, value);
		}
		return this;
	}

	Facts seconds(String key, @Nullable Duration duration) {
		return put(key, (duration != null) ? duration.getSeconds() : null);
	}

	Map<String, Object> asMap() {
		return this.values;
	}

}
