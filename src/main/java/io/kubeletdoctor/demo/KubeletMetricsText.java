package io.kubeletdoctor.demo;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The certificate-manager part of a kubelet's {@code /metrics}, in the Prometheus text format the
 * kubelet writes. A TTL of {@code null} leaves its series out, as a kubelet does when that
 * rotation is off; {@link Double#POSITIVE_INFINITY} is what it reports when it holds no usable
 * certificate.
 */
public final class KubeletMetricsText {

	private KubeletMetricsText() {
	}

	public static String certificateMetrics(@Nullable Double clientTtlSeconds, @Nullable Double serverTtlSeconds,
			long clientRenewErrors, long serverRenewErrors) {
		StringBuilder text = new StringBuilder();
		if (clientTtlSeconds != null) {
			series(text, "kubelet_certificate_manager_client_expiration_renew_errors", "counter",
					"[ALPHA] Counter of certificate renewal errors.", clientRenewErrors);
			series(text, "kubelet_certificate_manager_client_ttl_seconds", "gauge",
					"[ALPHA] Gauge of the TTL (time-to-live) of the Kubelet's client certificate. The value is in "
							+ "seconds until certificate expiry (negative if already expired). If client certificate "
							+ "is invalid or unused, the value will be +INF.",
					clientTtlSeconds);
		}
		if (serverTtlSeconds != null) {
			series(text, "kubelet_certificate_manager_server_ttl_seconds", "gauge",
					"[ALPHA] Gauge of the shortest TTL (time-to-live) of the Kubelet's serving certificate. The "
							+ "value is in seconds until certificate expiry (negative if already expired). If "
							+ "serving certificate is invalid or unused, the value will be +INF.",
					serverTtlSeconds);
			series(text, "kubelet_server_expiration_renew_errors", "counter",
					"[ALPHA] Counter of certificate renewal errors.", serverRenewErrors);
		}
		series(text, "kubelet_node_name", "gauge", "[ALPHA] The node's name. The count is always 1.", 1);
		return text.toString();
	}

	/**
	 * The kubelet's API client counts by answer code, as client-go exports them: {@code ok} answered
	 * 200 and {@code unauthorized} 401 since the kubelet started.
	 */
	public static String restClientRequests(String apiServer, long ok, long unauthorized) {
		String name = "rest_client_requests_total";
		String help = "[ALPHA] Number of HTTP requests, partitioned by status code, method, and host.";
		return "# HELP " + name + " " + help + "\n# TYPE " + name + " counter\n" + name + "{code=\"200\",host=\""
				+ apiServer + "\",method=\"GET\"} " + ok + "\n" + name + "{code=\"401\",host=\"" + apiServer
				+ "\",method=\"PUT\"} " + unauthorized + "\n";
	}

	/** Seconds as the kubelet reports them: whole seconds until expiry, truncated. */
	public static double ttl(Duration remaining) {
		return remaining.getSeconds();
	}

	private static void series(StringBuilder text, String name, String type, String help, double value) {
		text.append("# HELP ").append(name).append(' ').append(help).append('\n');
		text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
		text.append(name).append(' ').append(format(value)).append('\n');
	}

	/** Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, which Prometheus uses: 2.592e+07, 0, +Inf. */
	static String format(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "+Inf" : "-Inf";
		}
		if (value == 0) {
			return "0";
		}
		BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
		int exponent = decimal.precision() - decimal.scale() - 1;
		if (exponent >= -4 && exponent < 6) {
			return decimal.toPlainString();
		}
		String digits = decimal.unscaledValue().abs().toString();
		String mantissa = (digits.length() > 1) ? digits.charAt(0) + "." + digits.substring(1) : digits;
		int magnitude = Math.abs(exponent);
		return ((value < 0) ? "-" : "") + mantissa + "e" + ((exponent < 0) ? "-" : "+") + ((magnitude < 10) ? "0" : "")
				+ magnitude;
	}

}
