package io.kubeletdoctor.support;

import java.time.Clock;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.kubeletdoctor.demo.SimulatedCluster;
import io.kubeletdoctor.report.Report;
import io.kubeletdoctor.report.ReportStatus;
import io.kubeletdoctor.report.Reports;

/** The simulated cluster of a storm: many healthy nodes, every tenth with its kubelet down. */
public final class StormNodes {

	private StormNodes() {
	}

	/** A started cluster holding {@code count} nodes named by {@code name}; prints how long seeding took. */
	public static SimulatedCluster start(Clock clock, int count, IntFunction<String> name) {
		SimulatedCluster cluster = SimulatedCluster.start(clock);
		long start = System.nanoTime();
		// a TLS endpoint, a certificate and two API writes per node: a few threads halve the wait
		IntStream.range(0, count).parallel().forEach((i) -> {
			if (i % 10 == 9) {
				cluster.node(name.apply(i)).kubeletDown().apply();
			}
			else {
				cluster.node(name.apply(i)).apply();
			}
		});
		System.out.printf("Seeded %d simulated nodes in %d ms%n", count,
				Duration.ofNanos(System.nanoTime() - start).toMillis());
		return cluster;
	}

	/** Whether the report has ended, either way. */
	public static boolean finished(Reports reports, String id) {
		Report report = reports.find(id).orElseThrow();
		return report.status() == ReportStatus.COMPLETED || report.status() == ReportStatus.FAILED;
	}

}
