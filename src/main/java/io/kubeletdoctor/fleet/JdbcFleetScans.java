package io.kubeletdoctor.fleet;

import java.sql.Timestamp;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps one row per cluster holding its latest scan as JSON: the scan is read whole by the page,
 * the API and the gauges, and never queried inside.
 */
@Repository
class JdbcFleetScans implements FleetScans {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcFleetScans(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	@Transactional
	public void save(ClusterScan scan) {
		String document = this.json.writeValueAsString(scan);
		Timestamp scannedAt = Timestamp.from(scan.scannedAt());
		int updated = this.jdbc.sql("UPDATE fleet_scan SET scanned_at = ?, document = ? WHERE cluster = ?")
			.params(scannedAt, document, scan.name())
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO fleet_scan (cluster, scanned_at, document) VALUES (?, ?, ?)")
				.params(scan.name(), scannedAt, document)
				.update();
		}
	}

	@Override
	public List<ClusterScan> latest() {
		return this.jdbc.sql("SELECT document FROM fleet_scan ORDER BY cluster")
			.query((rs, row) -> this.json.readValue(rs.getString("document"), ClusterScan.class))
			.list();
	}

}
