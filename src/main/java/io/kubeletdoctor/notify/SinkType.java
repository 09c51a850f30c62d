package io.kubeletdoctor.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The message formats a route can post: each names the JSON its endpoint expects. */
enum SinkType {

	/** A Slack incoming webhook: Block Kit blocks. */
	SLACK,

	/** A Microsoft Teams Workflows (or legacy incoming) webhook: an Adaptive Card in a message. */
	TEAMS,

	/** Any HTTP endpoint: kubelet-doctor's own documented JSON. */
	WEBHOOK;

	/** The type named in configuration ({@code slack}, {@code teams}, {@code webhook}), any case. */
	static SinkType of(String name) {
		for (SinkType type : values()) {
			if (type.name().equalsIgnoreCase(name.trim())) {
				return type;
			}
		}
		throw new IllegalArgumentException("unknown type '" + name + "' (use one of " + names() + ")");
	}

	static String names() {
		return Arrays.stream(values()).map((type) -> type.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
	}

}
