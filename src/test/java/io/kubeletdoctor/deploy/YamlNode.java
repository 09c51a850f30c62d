package io.kubeletdoctor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A value in a parsed YAML document with the path that led to it, so a failed assertion names
 * the field. Reading a key that is absent gives a missing node rather than an exception.
 */
record YamlNode(@Nullable Object value, String path) {

	static YamlNode load(Path file) {
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8);
			return new YamlNode(new Yaml(new SafeConstructor(new LoaderOptions())).load(text), file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean exists() {
		return this.value != null;
	}

	YamlNode get(String key) {
		Object child = (this.value instanceof Map) ? ((Map<?, ?>) this.value).get(key) : null;
		return new YamlNode(child, this.path + "." + key);
	}

	List<YamlNode> items() {
		List<YamlNode> items = new ArrayList<>();
		if (this.value instanceof List) {
			List<?> list = (List<?>) this.value;
			for (int i = 0; i < list.size(); i++) {
				items.add(new YamlNode(list.get(i), this.path + "[" + i + "]"));
			}
		}
		return items;
	}

	Map<String, YamlNode> entries() {
		Map<String, YamlNode> entries = new LinkedHashMap<>();
		if (this.value instanceof Map) {
			((Map<?, ?>) this.value).forEach((key, child) -> entries.put(String.valueOf(key),
					new YamlNode(child, this.path + "." + key)));
		}
		return entries;
	}

	/** The scalar as text; fails with the path when the value is missing or not a scalar. */
	String text() {
		if (this.value == null || this.value instanceof Map || this.value instanceof List) {
			throw new AssertionError(this.path + " is not a scalar: " + this.value);
		}
		return String.valueOf(this.value);
	}

	@Nullable String textOrNull() {
		return exists() ? text() : null;
	}

	List<String> texts() {
		return items().stream().map(YamlNode::text).toList();
	}

	/** The first list item whose {@code key} is {@code value}. */
	YamlNode find(String key, String value) {
		return items().stream()
			.filter((item) -> value.equals(item.get(key).textOrNull()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(this.path + " has no item with " + key + "=" + value));
	}

}
