package io.kubeletdoctor.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Combinators;

/**
 * One alert's life as Alertmanager reports it: it fires at {@code startsAt} and is delivered
 * several times (retries, {@code repeat_interval}, HA peers, other groups), resolves at
 * {@code endsAt} and is delivered resolved, then fires again at {@code firesAgainAt}: a new alert
 * instance. Each delivery may be written differently: another zone offset, another label order,
 * other alerts beside it, another receiver.
 */
record AlertLifecycle(String alertname, Instant startsAt, Instant endsAt, Instant firesAgainAt,
		List<Map.Entry<String, String>> extraLabels, List<Delivery> firing, List<Delivery> resolved,
		List<Delivery> firingAgain) {

	private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("2035-01-01T00:00:00Z");

	/** What differs between deliveries of the same notification content. */
	record Delivery(ZoneOffset offset, long labelOrder, int companions, boolean alertFirst, String receiver) {
	}

	static Arbitrary<AlertLifecycle> all() {
		Arbitrary<String> alertnames = Arbitraries.of("KubeletServerCertificateExpiration",
				"KubeletClientCertificateExpiration", "KubeletClientCertificateRenewalErrors", "Kubelet<Cert>&\"Trouble\"");
		return Combinators
			.combine(alertnames, goTimes(), gaps(), gaps(), labels(), deliveries(4), deliveries(3), deliveries(2))
			.as((alertname, startsAt, firingFor, resolvedFor, labels, firing, resolved, firingAgain) -> {
				Instant endsAt = startsAt.plus(firingFor);
				return new AlertLifecycle(alertname, startsAt, endsAt, endsAt.plus(resolvedFor), labels, firing,
						resolved, firingAgain);
			});
	}

	/** Times at second (Alertmanager's own), millisecond (Prometheus), microsecond and nanosecond precision. */
	static Arbitrary<Instant> goTimes() {
		Arbitrary<Long> seconds = Arbitraries.longs().between(EARLIEST.getEpochSecond(), LATEST.getEpochSecond());
		Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
				Arbitraries.integers().between(0, 999).map((millis) -> millis * 1_000_000),
				Arbitraries.integers().between(0, 999_999).map((micros) -> micros * 1_000),
				Arbitraries.integers().between(0, 999_999_999),
				Arbitraries.of(500, 999_999_500, 999_999_999, 717_617_512));
		return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
	}

	/** At least a second, at most a month, at any precision. */
	private static Arbitrary<Duration> gaps() {
		return Arbitraries.longs().between(1_000_000_000L, Duration.ofDays(30).toNanos()).map(Duration::ofNanos);
	}

	/** Zone offsets of Alertmanager hosts, UTC most often; Go writes UTC as {@code Z}. */
	static Arbitrary<ZoneOffset> offsets() {
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(ZoneOffset.UTC)),
				Tuple.of(3, Arbitraries.integers()
					.between(-12 * 4, 14 * 4)
					.map((quarters) -> ZoneOffset.ofTotalSeconds(quarters * 900))));
	}

	/** Labels besides alertname and node, with values Go has to escape. */
	private static Arbitrary<List<Map.Entry<String, String>>> labels() {
		Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
			.map((name) -> "x_" + name);
		Arbitrary<String> values = Arbitraries.strings()
			.withCharRange('a', 'z')
			.withChars("-_.:/ <>&\"\\'\n\t\u00e9\u65e5\u2028\u0001")
			.ofMaxLength(24);
		return Arbitraries.maps(names, values).ofMaxSize(4).map((map) -> List.copyOf(map.entrySet()));
	}

	private static Arbitrary<List<Delivery>> deliveries(int most) {
		Arbitrary<String> receivers = Arbitraries.strings()
			.withCharRange('a', 'z')
			.withChars("-_.+*?()|[]{}^$\\")
			.ofMinLength(1)
			.ofMaxLength(20);
		return Combinators
			.combine(offsets(), Arbitraries.longs(), Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
					receivers)
			.as(Delivery::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(most);
	}

}
