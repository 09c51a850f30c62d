package io.kubeletdoctor.demo;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Event lists filtered by {@code involvedObject.*} field selectors, as a real API server filters
 * them. The CRUD store matches nothing with such requirements, so they are taken out of the query
 * and applied to the listed items here.
 */
final class InvolvedObjectSelector {

	private static final String PREFIX = "involvedObject.";

	private static final ObjectMapper JSON = new ObjectMapper();

	private InvolvedObjectSelector() {
	}

	static MockResponse list(KubernetesCrudDispatcher crud, String path) {
		int queryStart = path.indexOf('?');
		List<String> parameters = new ArrayList<>();
		List<String> kept = new ArrayList<>();
		List<Requirement> involved = new ArrayList<>();
		for (String parameter : path.substring(queryStart + 1).split("&")) {
			if (!parameter.startsWith("fieldSelector=")) {
				parameters.add(parameter);
				continue;
			}
			String selector = URLDecoder.decode(parameter.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
			for (String requirement : selector.split(",")) {
				String[] parts = requirement.split("!=|==|=", 2);
				if (parts.length == 2 && parts[0].startsWith(PREFIX)) {
					involved.add(new Requirement(parts[0].substring(PREFIX.length()), parts[1], requirement.contains("!=")));
				}
				else {
					kept.add(requirement);
				}
			}
		}
		if (!kept.isEmpty()) {
			parameters.add("fieldSelector=" + URLEncoder.encode(String.join(",", kept), StandardCharsets.UTF_8));
		}
		String rewritten = path.substring(0, queryStart) + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
		MockResponse response = crud.handleGet(rewritten);
		if (response.code() != 200) {
			return response;
		}
		try {
			JsonNode list = JSON.readTree(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
			ArrayNode items = JSON.createArrayNode();
			for (JsonNode item : list.path("items")) {
				if (involved.stream().allMatch((requirement) -> requirement.test(item.path("involvedObject")))) {
					items.add(item);
				}
			}
			((ObjectNode) list).set("items", items);
			return ApiStatus.json(200, list);
		}
		catch (Exception ex) {
			return ApiStatus.response(500, "cannot filter events: " + ex.getMessage(), null);
		}
	}

	private record Requirement(String field, String value, boolean negated) {

		boolean test(JsonNode involvedObject) {
			return involvedObject.path(this.field).asText("").equals(this.value) != this.negated;
		}

	}

}
