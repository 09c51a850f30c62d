package io.kubeletdoctor.diagnosis.rules;

import java.util.List;

/** The ids under which the playbook steps record their outcome in the evidence. */
final class Steps {

	static final String NODE_STATUS = "node-status";

	static final String NODE_EVENTS = "node-events";

	static final String KUBELET_CERTIFICATES = "kubelet-certificates";

	static final String KUBELET_LOGS = "kubelet-logs";

	static final String CERTIFICATE_REQUESTS = "certificate-requests";

	static final String CERTIFICATE_AUTHORITY = "certificate-authority";

	static final String RBAC = "rbac";

	static final List<String> ALL = List.of(NODE_STATUS, NODE_EVENTS, KUBELET_CERTIFICATES, KUBELET_LOGS,
			CERTIFICATE_REQUESTS, CERTIFICATE_AUTHORITY, RBAC);

	private Steps() {
	}

}
