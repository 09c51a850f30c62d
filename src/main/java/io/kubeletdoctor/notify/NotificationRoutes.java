package io.kubeletdoctor.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.kubeletdoctor.diagnosis.RootCauseCode;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The configured routes, checked once at start. Each mistake is reported with the property that
 * holds it, and stops the start: a route that cannot deliver would only be noticed when a page
 * stays silent.
 */
record NotificationRoutes(List<NotificationRoute> routes) {

	static final String PREFIX = "kubelet-doctor.notify.routes";

	static NotificationRoutes of(NotifyProperties properties, String publicUrl) {
		List<NotificationRoute> routes = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < properties.routes().size(); i++) {
			NotificationRoute route = check(properties.routes().get(i), PREFIX + "[" + i + "]");
			if (!names.add(route.name())) {
				throw new InvalidRouteException(PREFIX + "[" + i + "]", "the name '" + route.name()
						+ "' is used by another route; give each route its own name");
			}
			routes.add(route);
		}
		if (!routes.isEmpty()) {
			checkPublicUrl(publicUrl);
		}
		return new NotificationRoutes(List.copyOf(routes));
	}

	boolean isEmpty() {
		return this.routes.isEmpty();
	}

	private static NotificationRoute check(NotifyProperties.Route route, String property) {
		if (!StringUtils.hasText(route.name())) {
			throw new InvalidRouteException(property + ".name", "every route needs a name (it appears in the logs)");
		}
		String where = property + " ('" + route.name() + "')";
		if (!StringUtils.hasText(route.type())) {
			throw new InvalidRouteException(where, "no type; set .type to one of " + SinkType.names());
		}
		SinkType type;
		try {
			type = SinkType.of(route.type());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRouteException(where + ".type", ex.getMessage());
		}
		URI target = target(route, where);
		Set<RootCauseCode> codes = new LinkedHashSet<>();
		for (String code : route.rootCauses()) {
			try {
				codes.add(RootCauseCode.valueOf(code.trim().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRouteException(where + ".root-causes",
						"unknown root-cause code '" + code + "' (see the codes in the README)");
			}
		}
		route.headers().forEach((name, value) -> checkHeader(where, target, name, value));
		return new NotificationRoute(route.name(), type, target, trimmed(route.alertnames()), Set.copyOf(codes),
				trimmed(route.clusters()), route.headers());
	}

	private static URI target(NotifyProperties.Route route, String where) {
		boolean url = StringUtils.hasText(route.url());
		boolean file = StringUtils.hasText(route.urlFile());
		if (url == file) {
			throw new InvalidRouteException(where, url ? "set either .url or .url-file, not both"
					: "no URL; set .url, or .url-file naming a file that holds it");
		}
		String text = url ? String.valueOf(route.url()) : read(route.urlFile(), where);
		URI uri = absoluteHttp(text);
		if (uri == null) {
			// the URL itself stays out of the message: it usually holds the secret
			throw new InvalidRouteException(where + (url ? ".url" : ".url-file"),
					"the URL is not an absolute http or https URL");
		}
		return uri;
	}

	private static String read(@Nullable String file, String where) {
		try {
			String text = Files.readString(Path.of(String.valueOf(file)), StandardCharsets.UTF_8).trim();
			if (text.isEmpty()) {
				throw new InvalidRouteException(where + ".url-file", "the file " + file + " is empty");
			}
			return text;
		}
		catch (IOException ex) {
			throw new InvalidRouteException(where + ".url-file", "cannot read " + file + ": " + ex);
		}
	}

	/** The JDK client refuses some headers (Host, Content-Length...) only when a request is built. */
	private static void checkHeader(String where, URI target, String name, String value) {
		try {
			HttpRequest.newBuilder(target).header(name, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRouteException(where + ".headers", "the header '" + name + "' cannot be set: "
					+ ex.getMessage());
		}
	}

	private static void checkPublicUrl(String publicUrl) {
		if (!StringUtils.hasText(publicUrl)) {
			throw new InvalidRouteException("kubelet-doctor.public-url", "notification routes are configured but"
					+ " the public URL is not: messages would carry links nobody can open. Set it to the address"
					+ " on-call engineers reach the service at, such as https://kubelet-doctor.example.com");
		}
		if (absoluteHttp(publicUrl) == null) {
			throw new InvalidRouteException("kubelet-doctor.public-url", "'" + publicUrl
					+ "' is not an absolute http or https URL; chat messages link to reports there");
		}
	}

	private static @Nullable URI absoluteHttp(String text) {
		try {
			URI uri = new URI(text.trim());
			String scheme = uri.getScheme();
			boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
			return (http && uri.getHost() != null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static Set<String> trimmed(List<String> values) {
		Set<String> trimmed = new LinkedHashSet<>();
		values.stream().map(String::trim).filter(StringUtils::hasText).forEach(trimmed::add);
		return Set.copyOf(trimmed);
	}

	/** A route that cannot work, named by its property. */
	static final class InvalidRouteException extends IllegalStateException {

		InvalidRouteException(String property, String problem) {
			super(property + ": " + problem);
		}

	}

}
