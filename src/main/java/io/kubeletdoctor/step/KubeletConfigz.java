package io.kubeletdoctor.step;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeletdoctor.diagnosis.KubeletConfigFacts;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kubelet's {@code /configz} answer: the rotation settings the rules need, plus the two fields
 * that explain other steps' results (a serving certificate from files, the log query switch).
 */
public record KubeletConfigz(KubeletConfigFacts facts, @Nullable String tlsCertFile,
		@Nullable Boolean enableSystemLogQuery) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Parses {@code {"kubeletconfig": {...}}}. The bool fields are {@code omitempty} in the kubelet,
	 * so an absent field is false; only explicitly set feature gates are listed.
	 */
	public static KubeletConfigz parse(String body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("configz is not JSON: " + ex.getOriginalMessage(), ex);
		}
		JsonNode config = root.path("kubeletconfig");
		if (!config.isObject()) {
			// kubelets before 1.11 registered their configuration as "componentconfig"
			config = root.path("componentconfig");
		}
		if (!config.isObject()) {
			throw new IllegalArgumentException("configz has no kubeletconfig object");
		}
		Map<String, Boolean> gates = new LinkedHashMap<>();
		JsonNode featureGates = config.path("featureGates");
		if (featureGates.isObject()) {
			for (Map.Entry<String, JsonNode> gate : featureGates.properties()) {
				if (gate.getValue().isBoolean()) {
					gates.put(gate.getKey(), gate.getValue().booleanValue());
				}
			}
		}
		KubeletConfigFacts facts = new KubeletConfigFacts(config.path("rotateCertificates").asBoolean(false),
				config.path("serverTLSBootstrap").asBoolean(false), gates);
		JsonNode tlsCertFile = config.path("tlsCertFile");
		JsonNode logQuery = config.path("enableSystemLogQuery");
		return new KubeletConfigz(facts,
				(tlsCertFile.isString() && !tlsCertFile.asString().isEmpty()) ? tlsCertFile.asString() : null,
				logQuery.isBoolean() ? logQuery.booleanValue() : null);
	}

}
