package io.kubeletdoctor.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeletdoctor.pki.Certificates;
import org.jspecify.annotations.Nullable;

/**
 * Where the kubelet CA comes from: a configured PEM file, else {@code ca.crt} of
 * {@code kube-system/kube-root-ca.crt} (read through the rate-limited reader, the same object the
 * certificate-authority step reads). Kept for a few minutes, so a storm reads it once and a
 * rotated bundle is picked up soon.
 */
final class KubeletTrustSource {

	static final String NAMESPACE = "kube-system";

	static final String CONFIG_MAP = "kube-root-ca.crt";

	static final Duration KEEP = Duration.ofMinutes(5);

	private final @Nullable String caFile;

	private final Supplier<Optional<ConfigMap>> rootCa;

	private final LongSupplier ticker;

	private volatile @Nullable Cached cached;

	KubeletTrustSource(@Nullable String caFile, Supplier<Optional<ConfigMap>> rootCa) {
		this(caFile, rootCa, System::nanoTime);
	}

	KubeletTrustSource(@Nullable String caFile, Supplier<Optional<ConfigMap>> rootCa, LongSupplier ticker) {
		this.caFile = caFile;
		this.rootCa = rootCa;
		this.ticker = ticker;
	}

	/**
	 * The current trust, or why there is none (a message the report can show).
	 * @throws ClusterAccessException when the bundle cannot be read or holds no certificate
	 */
	KubeletTrust current() {
		Cached current = this.cached;
		if (fresh(current)) {
			return current.trust();
		}
		// One read for the kubelets diagnosed side by side that all find the bundle missing or old.
		synchronized (this) {
			current = this.cached;
			if (fresh(current)) {
				return current.trust();
			}
			long now = this.ticker.getAsLong();
			KubeletTrust trust = load();
			this.cached = new Cached(trust, now);
			return trust;
		}
	}

	private boolean fresh(@Nullable Cached current) {
		return current != null && this.ticker.getAsLong() - current.readAt() < KEEP.toNanos();
	}

	private KubeletTrust load() {
		if (this.caFile != null) {
			try {
				return parse("the configured kubelet CA file " + this.caFile,
						Files.readString(Path.of(this.caFile), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new ClusterAccessException(0, "the configured kubelet CA file " + this.caFile
						+ " cannot be read (" + ex.getMessage() + ")", ex);
			}
		}
		String source = "ca.crt of ConfigMap " + NAMESPACE + "/" + CONFIG_MAP;
		ConfigMap configMap = this.rootCa.get()
			.orElseThrow(() -> new ClusterAccessException(404, source + " does not exist", null));
		String pem = (configMap.getData() != null) ? configMap.getData().get("ca.crt") : null;
		if (pem == null) {
			throw new ClusterAccessException(0, source + " is empty", null);
		}
		return parse(source, pem);
	}

	private static KubeletTrust parse(String source, String pem) {
		List<X509Certificate> cas;
		try {
			cas = Certificates.readPem(pem).stream().map(Certificates::toX509).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new ClusterAccessException(0, source + " is not a PEM bundle (" + ex.getMessage() + ")", ex);
		}
		if (cas.isEmpty()) {
			throw new ClusterAccessException(0, source + " holds no certificate", null);
		}
		return new KubeletTrust(source, pem, cas);
	}

	private record Cached(KubeletTrust trust, long readAt) {
	}

}
