package io.kubeletdoctor.cluster;

import org.jspecify.annotations.Nullable;

/**
 * A kubelet's answer, kept whatever its status so callers can tell 404 from 403 or 503, with how
 * it travelled and why that way ({@code route}), for the report to show.
 */
public record KubeletResponse(int status, @Nullable String contentType, String body, KubeletTransport transport,
		String route) {

	public boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

}
