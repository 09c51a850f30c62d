package io.kubeletdoctor.cluster;

import org.jspecify.annotations.Nullable;

/**
 * A read the cluster refused or failed: {@code status} is the HTTP status (0 for a timeout or a
 * connection failure). The message names the call, so a report can say what could not be checked.
 */
public class ClusterAccessException extends RuntimeException {

	private final int status;

	public ClusterAccessException(int status, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

	public boolean forbidden() {
		return this.status == 403;
	}

}
