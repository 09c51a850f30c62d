package io.kubeletdoctor.intake;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

/** Names the field of a key given twice, e.g. {@code alerts[0].labels.node}, from the parser's position. */
final class DuplicateKeys {

	private DuplicateKeys() {
	}

	/** The duplicated field's path, or {@code null} when {@code ex} is not about a duplicate key. */
	static @Nullable String path(JacksonException ex) {
		if (!(ex instanceof StreamReadException) || !(ex.processor() instanceof JsonParser parser)
				|| ex.getOriginalMessage() == null || !ex.getOriginalMessage().startsWith("Duplicate")) {
			return null;
		}
		return path(parser.streamReadContext());
	}

	private static String path(TokenStreamContext context) {
		Deque<TokenStreamContext> chain = new ArrayDeque<>();
		for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
			chain.push(at);
		}
		StringBuilder path = new StringBuilder();
		for (TokenStreamContext at : chain) {
			if (at.inArray()) {
				path.append('[').append(at.getCurrentIndex()).append(']');
			}
			else if (at.currentName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(at.currentName());
			}
		}
		return path.isEmpty() ? "$" : path.toString();
	}

}
