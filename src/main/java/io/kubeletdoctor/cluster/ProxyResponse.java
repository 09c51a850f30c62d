package io.kubeletdoctor.cluster;

import org.jspecify.annotations.Nullable;

/** An answer from the node proxy, kept whatever its status so callers can tell 404 from 503. */
public record ProxyResponse(int status, @Nullable String contentType, String body) {

	public boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

}
