package io.kubeletdoctor.playbook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a drain spreads its work.
 * @param nodesAtOnce reports of one cluster diagnosed at the same time by one replica: a node's
 * diagnosis mostly waits on its kubelet and the API server, so a storm drains several times faster
 * with a few at once; the API rate limit and the bound on kubelet reads still hold for all of them
 */
@ConfigurationProperties("kubelet-doctor.drain")
record DrainProperties(@DefaultValue("8") int nodesAtOnce) {

	DrainProperties {
		if (nodesAtOnce < 1) {
			throw new IllegalArgumentException("kubelet-doctor.drain.nodes-at-once must be 1 or more");
		}
	}

}
