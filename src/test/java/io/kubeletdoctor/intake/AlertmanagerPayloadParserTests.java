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
			"{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"n\":5},\"startsAt\":\"2026-11-30T00:00:00Z\",\"fingerprint\":\"a\"}]} | alerts[0].labels.n" })
	void rejectionsNameTheField(String body, String field) {
		assertThatExceptionOfType(InvalidPayloadException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field));
	}

	private AlertmanagerNotification parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
