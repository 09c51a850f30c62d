package io.kubeletdoctor.intake;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook bodies that are broken in the ways a body can be: cut short, one value anywhere replaced
 * by one of the wrong type, shape or length (NUL characters and nanoseconds past the ninth digit
 * included), nested past the parser's limit, or not JSON at all.
 */
final class MalformedDeliveries {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> WRONG_VALUES = List.of("null", "42", "-1", "1e400", "\"\"", "[]", "{}", "true",
			"[null]", "[{}]", "{\"a\":1}", "\"3\"", "\"firing\"", "\"resolved\"", "\"yesterday\"",
			"\"2026-13-45T25:61:00Z\"", "\"2026-12-01T18:31:41.7176175123Z\"", "\"0001-01-01T00:00:00Z\"",
			"\"2026-12-01T18:31:41.717617512+02:00\"", "\"kubelet\\u0000doctor\"", "\"" + "f".repeat(65) + "\"",
			"\"" + "x".repeat(5000) + "\"", "{\"alertname\":\"A\\u0000B\"}");

	private MalformedDeliveries() {
	}

	static Arbitrary<String> bodies() {
		return Arbitraries.oneOf(cutShort(), withOneWrongValue(), nested(), Arbitraries.strings().ofMaxLength(200),
				Arbitraries.just("{\"version\":\"4\",\"alerts\":[],\"receiver\":\"" + "r".repeat(300 * 1024) + "\"}"));
	}

	private static Arbitrary<String> valid() {
		return AlertLifecycle.goTimes().map((startsAt) -> GoWebhookEncoder.message("kubelet.doctor", "firing",
				List.of(new GoWebhookEncoder.Alert("firing",
						List.of(Map.entry("alertname", "KubeletServerCertificateExpiration"),
								Map.entry("node", "worker-malformed")),
						List.of(Map.entry("summary", "s")), GoWebhookEncoder.time(startsAt, ZoneOffset.UTC),
						GoWebhookEncoder.ZERO_TIME, "http://prometheus.test/graph", "00000000000000ff")),
				"{}:{node=\"worker-malformed\"}", List.of(Map.entry("node", "worker-malformed")), 0,
				"http://alertmanager.test"));
	}

	private static Arbitrary<String> cutShort() {
		return Combinators.combine(valid(), Arbitraries.integers().greaterOrEqual(0))
			.as((body, cut) -> body.substring(0, cut % body.length()));
	}

	private static Arbitrary<String> withOneWrongValue() {
		return Combinators.combine(valid(), Arbitraries.integers().greaterOrEqual(0), Arbitraries.of(WRONG_VALUES))
			.as((body, pick, wrong) -> {
				JsonNode root = JSON.readTree(body);
				List<Runnable> places = new ArrayList<>();
				collect(root, JSON.readTree(wrong), places);
				places.get(pick % places.size()).run();
				return JSON.writeValueAsString(root);
			});
	}

	/** Every place in the tree, as the replacement of its value by {@code wrong}. */
	private static void collect(JsonNode node, JsonNode wrong, List<Runnable> places) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				places.add(() -> object.set(name, wrong));
				collect(object.get(name), wrong, places);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				int index = i;
				places.add(() -> array.set(index, wrong));
				collect(array.get(i), wrong, places);
			}
		}
	}

	private static Arbitrary<String> nested() {
		return Arbitraries.integers()
			.between(900, 3000)
			.map((depth) -> "{\"version\":\"4\",\"alerts\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
	}

}
