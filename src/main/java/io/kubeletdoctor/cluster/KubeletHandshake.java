package io.kubeletdoctor.cluster;

import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The outcome of a TLS handshake with a kubelet port: the chain it served, leaf first, or why none. */
public record KubeletHandshake(String endpoint, Reachability reachability, @Nullable String error,
		List<X509Certificate> chain) {
}
