package io.kubeletdoctor.fleet;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.kubeletdoctor.cluster.ClusterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One fleet scan: every configured cluster in turn, each stored as soon as it is done and its
 * certificates that will not last opened as reports, then the gauges of this replica refreshed. A cluster that cannot be scanned keeps its error in its scan and
 * does not stop the others.
 */
@Component
public class FleetScanRun {

	private static final Logger logger = LoggerFactory.getLogger(FleetScanRun.class);

	private final ClusterRegistry clusters;

	private final FleetScans scans;

	private final FleetGauges gauges;

	private final FleetScanner scanner;

	private final EarlyDiagnoses diagnoses;

	private final boolean openReports;

	FleetScanRun(ClusterRegistry clusters, FleetScans scans, FleetGauges gauges, EarlyDiagnoses diagnoses,
			FleetProperties properties, ObjectProvider<Clock> clock) {
		this.clusters = clusters;
		this.scans = scans;
		this.gauges = gauges;
		this.diagnoses = diagnoses;
		this.openReports = properties.openReports();
		this.scanner = new FleetScanner(clock.getIfUnique(Clock::systemUTC), Math.max(1, properties.parallelNodes()));
	}

	public List<ClusterScan> scanAll() {
		List<ClusterScan> done = new ArrayList<>();
		for (String cluster : this.clusters.clusterNames()) {
			long started = System.nanoTime();
			ClusterScan scan = this.scanner.scan(this.clusters.reader(cluster));
			if (this.openReports) {
				this.diagnoses.open(scan);
			}
			this.scans.save(scan);
			done.add(scan);
			logger.info("Fleet scan of cluster {}: {} nodes, {} that cannot rotate, {} API requests, {} ms",
					cluster, scan.nodes().size(), scan.nodes().stream().filter((node) -> !node.canRotate()).count(),
					scan.apiRequests(), (System.nanoTime() - started) / 1_000_000);
		}
		this.gauges.show(this.scans.latest());
		return done;
	}

}
