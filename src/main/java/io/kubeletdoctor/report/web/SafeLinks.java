package io.kubeletdoctor.report.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a URL that came from an alert may become a link. Alerts are written by anyone who
 * can create a PrometheusRule, so only absolute http(s) URLs with an authority qualify; anything else,
 * {@code javascript:} and {@code data:} included, is shown as text.
 */
final class SafeLinks {

	private SafeLinks() {
	}

	static @Nullable String httpOrNull(@Nullable String url) {
		if (url == null || url.isEmpty()) {
			return null;
		}
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme();
			if (scheme == null || uri.getRawAuthority() == null) {
				return null;
			}
			String lower = scheme.toLowerCase(Locale.ROOT);
			return (lower.equals("http") || lower.equals("https")) ? url : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
