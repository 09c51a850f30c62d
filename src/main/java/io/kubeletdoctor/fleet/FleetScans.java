package io.kubeletdoctor.fleet;

import java.util.List;

/** The latest scan of each cluster, shared by every replica. */
public interface FleetScans {

	/** Replaces the cluster's previous scan. */
	void save(ClusterScan scan);

	/** The latest scan of every cluster, by cluster name. */
	List<ClusterScan> latest();

}
