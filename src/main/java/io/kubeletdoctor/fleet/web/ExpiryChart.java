package io.kubeletdoctor.fleet.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.fleet.ClusterScan;
import io.kubeletdoctor.fleet.FleetCa;
import io.kubeletdoctor.fleet.FleetCertificate;
import io.kubeletdoctor.fleet.NodeScan;
import org.jspecify.annotations.Nullable;

/**
 * The expiries of the next 90 days as bars of an inline SVG, one bar per week, stacked: the
 * certificates that will not renew themselves (red) under those that will (grey). Computed here so
 * the page needs no script: the template only places rectangles.
 */
record ExpiryChart(int width, int height, int plotTop, int plotBottom, List<Bar> bars, List<Tick> ticks,
		int maxCount, String summary) {

	static final int DAYS = 90;

	static final int BUCKET_DAYS = 7;

	private static final int WIDTH = 640;

	private static final int HEIGHT = 180;

	private static final int LEFT = 32;

	private static final int TOP = 12;

	private static final int BOTTOM = 150;

	static ExpiryChart of(ClusterScan scan, Instant now) {
		int buckets = (DAYS + BUCKET_DAYS - 1) / BUCKET_DAYS;
		int[] rotating = new int[buckets];
		int[] stuck = new int[buckets];
		for (NodeScan node : scan.nodes()) {
			for (FleetCertificate certificate : node.certificates()) {
				int bucket = bucket(certificate.notAfter(), now);
				if (bucket >= 0) {
					if (certificate.rotation().cannotRotate()) {
						stuck[bucket]++;
					}
					else {
						rotating[bucket]++;
					}
				}
			}
		}
		for (FleetCa ca : scan.cas()) {
			int bucket = bucket(ca.notAfter(), now);
			if (bucket >= 0) {
				stuck[bucket]++;
			}
		}
		int max = 1;
		for (int i = 0; i < buckets; i++) {
			max = Math.max(max, rotating[i] + stuck[i]);
		}
		double slot = (WIDTH - LEFT - 8) / (double) buckets;
		double unit = (BOTTOM - TOP) / (double) max;
		List<Bar> bars = new ArrayList<>();
		int total = 0;
		int totalStuck = 0;
		for (int i = 0; i < buckets; i++) {
			int x = (int) Math.round(LEFT + i * slot + 2);
			int w = (int) Math.max(2, Math.round(slot - 4));
			String week = "days " + (i * BUCKET_DAYS) + "–" + Math.min(DAYS, (i + 1) * BUCKET_DAYS);
			int stuckHeight = (int) Math.round(stuck[i] * unit);
			int rotatingHeight = (int) Math.round(rotating[i] * unit);
			if (stuck[i] > 0) {
				bars.add(new Bar(x, BOTTOM - stuckHeight, w, stuckHeight, "fleet-bar-stuck",
						week + ": " + stuck[i] + " that cannot rotate"));
			}
			if (rotating[i] > 0) {
				bars.add(new Bar(x, BOTTOM - stuckHeight - rotatingHeight, w, rotatingHeight, "fleet-bar-rotating",
						week + ": " + rotating[i] + " that will rotate"));
			}
			total += stuck[i] + rotating[i];
			totalStuck += stuck[i];
		}
		List<Tick> ticks = new ArrayList<>();
		for (int day = 0; day <= DAYS; day += 30) {
			ticks.add(new Tick((int) Math.round(LEFT + day / (double) BUCKET_DAYS * slot), day + " d"));
		}
		String summary = ((total == 1) ? "1 certificate expires" : total + " certificates expire") + " within " + DAYS
				+ " days, " + totalStuck + " of them cannot rotate";
		return new ExpiryChart(WIDTH, HEIGHT, TOP, BOTTOM, bars, ticks, max, summary);
	}

	private static int bucket(@Nullable Instant notAfter, Instant now) {
		if (notAfter == null || notAfter.isBefore(now)) {
			return -1;
		}
		long days = Duration.between(now, notAfter).toDays();
		return (days < DAYS) ? (int) (days / BUCKET_DAYS) : -1;
	}

	public int left() {
		return LEFT;
	}

	record Bar(int x, int y, int width, int height, String cssClass, String title) {
	}

	record Tick(int x, String label) {
	}

}
