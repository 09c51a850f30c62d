package io.kubeletdoctor.fleet.web;

import java.util.List;

import io.kubeletdoctor.fleet.ClusterScan;
import io.kubeletdoctor.fleet.FleetScans;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/fleet}: the latest scan of every cluster, as stored. */
@RestController
class FleetApiController {

	private final FleetScans scans;

	FleetApiController(FleetScans scans) {
		this.scans = scans;
	}

	@GetMapping("/api/v1/fleet")
	Fleet fleet() {
		return new Fleet(this.scans.latest());
	}

	/** The answer's shape: {@code {"clusters": [...]}}, so fields can be added beside the list. */
	record Fleet(List<ClusterScan> clusters) {
	}

}
