package io.kubeletdoctor.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AlertmanagerPayloadParserTests {

	private final AlertmanagerPayloadParser parser = new AlertmanagerPayloadParser(JsonMapper.builder().build());

	@Test
	void readsVersionFourIgnoringUnknownFields() {
		AlertmanagerNotification notification = parse("""
				{"version":"4","groupKey":"{}/{severity=\\"critical\\"}:{alertname=\\"X\\"}","truncatedAlerts":2,
				 "status":"firing","receiver":"k8s\\\\.certs","groupLabels":{},"commonLabels":{},
				 "commonAnnotations":{},"externalURL":"http://am:9093","notification_reason":"first notification",
				 "routeLabels":{},"someFutureField":{"x":1},
				 "alerts":[{"status":"firing","labels":{"alertname":"KubeletServerCertificateExpiration","node":"w1"},
				   "annotations":{"summary":"s"},"startsAt":"2026-11-30T06:40:52.123456789Z",
				   "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"0123456789abcdef"}]}
				""");
		assertThat(notification.receiver()).isEqualTo("k8s.certs");
		assertThat(notification.truncatedAlerts()).isEqualTo(2);
		AlertmanagerAlert alert = notification.alerts().get(0);
		assertThat(alert.alertname()).isEqualTo("KubeletServerCertificateExpiration");
		// Go's nanoseconds, rounded to the microseconds the report store keeps.
		assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-30T06:40:52.123457Z"));
		assertThat(alert.endsAt()).as("Go zero time means not set").isNull();
		assertThat(alert.firing()).isTrue();
	}

	@Test
	void readsOffsetsAndResolvedEndTimes() {
		AlertmanagerAlert alert = parse("""
				{"version":"4","status":"resolved","alerts":[{"status":"resolved","labels":{"alertname":"A"},
				 "startsAt":"2026-11-30T07:00:00+01:00","endsAt":"2026-11-30T07:30:00+01:00","fingerprint":"aa"}]}
				""").alerts().get(0);
		assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
		assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-11-30T06:30:00Z"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"not json at all | $",
			"[1,2] | $",
			"{\"alerts\":[]} | version",
			"{\"version\":\"3\",\"alerts\":[]} | version",
			"{\"version\":\"4\"} | alerts",
			"{\"version\":\"4\",\"alerts\":{}} | alerts",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"2026-11-30T00:00:00Z\",\"fingerprint\":\"a\"}]} | alerts[0].labels.alertname",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"yesterday\",\"fingerprint\":\"a\"}]} | alerts[0].startsAt",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"pending\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-30T00:00:00Z\",\"fingerprint\":\"a\"}]} | alerts[0].status",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-30T00:00:00Z\"}]} | alerts[0].fingerprint",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"n\":5},\"startsAt\":\"2026-11-30T00:00:00Z\",\"fingerprint\":\"a\"}]} | alerts[0].labels.n",
			"{\"version\":\"4\",\"version\":\"4\",\"alerts\":[]} | version",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"node\":\"w1\",\"node\":\"w2\"},\"startsAt\":\"2026-11-30T00:00:00Z\",\"fingerprint\":\"a\"}]} | alerts[0].labels.node",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-30T00:00:00Z\",\"fingerprint\":\"a\"},{\"status\":\"firing\",\"status\":\"resolved\"}]} | alerts[1].status",
			"{\"version\":\"4\",\"alerts\":[],\"truncatedAlerts\":-1} | truncatedAlerts",
			"{\"version\":\"4\",\"alerts\":[],\"truncatedAlerts\":1.5} | truncatedAlerts",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"+10000-01-01T00:00:00Z\",\"fingerprint\":\"a\"}]} | alerts[0].startsAt",
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-30T00:00:00Z\",\"endsAt\":\"-0001-12-31T00:00:00Z\",\"fingerprint\":\"a\"}]} | alerts[0].endsAt" })
	void rejectionsNameTheField(String body, String field) {
		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field));
	}

	@Test
	void acceptsTheFirstAndLastYearsGoCanEncode() {
		AlertmanagerAlert alert = parse("""
				{"version":"4","alerts":[{"status":"resolved","labels":{"alertname":"A"},
				 "startsAt":"0000-01-01T00:00:00Z","endsAt":"9999-12-31T23:59:59.999999999Z","fingerprint":"aa"}]}
				""").alerts().get(0);
		assertThat(alert.startsAt()).isEqualTo(Instant.parse("0000-01-01T00:00:00Z"));
		assertThat(alert.endsAt()).isNotNull();
	}

	/** Malformed, overlong (C0 AF for '/') and surrogate (ED A0 80) sequences, and a UTF-16 body. */
	@ParameterizedTest
	@CsvSource({ "ff", "c0af", "eda080", "e282" })
	void refusesBytesThatAreNotUtf8(String hex) {
		byte[] prefix = "{\"version\":\"4\",\"receiver\":\"".getBytes(StandardCharsets.UTF_8);
		byte[] bad = java.util.HexFormat.of().parseHex(hex);
		byte[] suffix = "\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[prefix.length + bad.length + suffix.length];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		System.arraycopy(bad, 0, body, prefix.length, bad.length);
		System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.parser.parse(body))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("not valid UTF-8 (byte " + prefix.length + ")"));
	}

	@Test
	void refusesAUtf16Body() {
		byte[] body = "{\"version\":\"4\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_16BE);
		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> this.parser.parse(body));
	}

	@Test
	void keepsAnAlertWhoseLabelsHoldNul() {
		AlertmanagerAlert alert = parse("""
				{"version":"4","alerts":[{"status":"firing","labels":{"alertname":"Kubelet\\u0000Down","node":"w\\u00001"},
				 "startsAt":"2026-11-30T00:00:00Z","fingerprint":"aa"}]}
				""").alerts().get(0);
		assertThat(alert.alertname()).isEqualTo("Kubelet\uFFFDDown");
		assertThat(alert.labels()).containsEntry("node", "w\uFFFD1");
	}

	private AlertmanagerNotification parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
