package io.kubeletdoctor.demo;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeletdoctor.demo.KubeletBehaviour.ProxyAnswer;
import io.kubeletdoctor.demo.KubeletBehaviour.TlsMode;
import io.kubeletdoctor.pki.CertificateFactory;
import io.kubeletdoctor.pki.IssuedCertificate;
import org.jspecify.annotations.Nullable;

/**
 * One node of a {@link SimulatedCluster}, described fluently; nothing reaches the cluster until
 * {@link #apply()}. The defaults are a healthy node: Ready, Lease renewed 5 s ago, a kubelet on
 * 127.0.0.1 serving a certificate from the cluster CA valid for 300 more days, both rotations on.
 * Calling {@link #apply()} again replaces what the previous call created.
 */
public final class SimulatedNode {

	/**
	 * What {@code /logs/} answers when the kubelet serves the /var/log file browser instead of a log
	 * query (NodeLogQuery off): it ignores {@code ?query=}.
	 */
	public static final String VAR_LOG_LISTING = """
			<pre>
			<a href="apt/">apt/</a>
			<a href="containers/">containers/</a>
			<a href="journal/">journal/</a>
			<a href="pods/">pods/</a>
			<a href="syslog">syslog</a>
			</pre>
			""";


	private static final Duration FRESH = Duration.ofSeconds(5);

	private final SimulatedCluster cluster;

	private final String name;

	private String kubeletVersion = "v1.33.2";

	private Readiness readiness = Readiness.READY;

	private String notReadyReason = "KubeletNotReady";

	private String notReadyMessage = "container runtime status check may not have completed yet";

	private Duration unknownSince = Duration.ZERO;

	private @Nullable Duration leaseAge;

	private boolean lease = true;

	private TlsMode tlsMode = TlsMode.SERVING;

	private @Nullable IssuedCertificate servingCertificate;

	private List<X509Certificate> intermediates = List.of();

	private boolean rotateCertificates = true;

	private boolean serverTLSBootstrap = true;

	private @Nullable ProxyAnswer configz;

	private @Nullable ProxyAnswer metrics;

	private @Nullable List<String> logLines;

	private @Nullable ProxyAnswer logs;

	private final List<EventSpec> events = new ArrayList<>();

	private int eventsApplied;

	private String internalIp = "127.0.0.1";

	private @Nullable FakeKubelet kubelet;

	private @Nullable IssuedCertificate defaultServingCertificate;

	SimulatedNode(SimulatedCluster cluster, String name) {
		this.cluster = cluster;
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	public SimulatedNode kubeletVersion(String version) {
		this.kubeletVersion = version;
		return this;
	}

	/** Ready=True (KubeletReady), heartbeat and Lease renewed 5 s ago. */
	public SimulatedNode ready() {
		this.readiness = Readiness.READY;
		return this;
	}

	/** Ready=False with the kubelet's reason: the kubelet still posts status, so heartbeat and Lease stay fresh. */
	public SimulatedNode notReady(String reason, String message) {
		this.readiness = Readiness.NOT_READY;
		this.notReadyReason = reason;
		this.notReadyMessage = message;
		return this;
	}

	/**
	 * The node went silent {@code since} ago: every condition Unknown (NodeStatusUnknown, "Kubelet
	 * stopped posting node status."), heartbeat and Lease that old, unreachable taints.
	 */
	public SimulatedNode statusUnknown(Duration since) {
		this.readiness = Readiness.UNKNOWN;
		this.unknownSince = since;
		return this;
	}

	public SimulatedNode leaseAge(Duration age) {
		this.leaseAge = age;
		return this;
	}

	public SimulatedNode noLease() {
		this.lease = false;
		return this;
	}

	/** The kubelet serves this certificate, then the intermediates, whatever their dates. */
	public SimulatedNode servingCertificate(IssuedCertificate certificate, X509Certificate... intermediates) {
		this.tlsMode = TlsMode.SERVING;
		this.servingCertificate = certificate;
		this.intermediates = List.of(intermediates);
		return this;
	}

	/**
	 * The kubelet accepts TCP but aborts every handshake with an internal_error alert, like a kubelet
	 * with serverTLSBootstrap whose serving CSR was never issued. The API server cannot reach it
	 * either: node proxy calls answer 503 {@code remote error: tls: internal error}.
	 */
	public SimulatedNode noServingCertificate() {
		this.tlsMode = TlsMode.NO_SERVING_CERTIFICATE;
		return this;
	}

	/** Nothing listens on the kubelet port; node proxy calls answer 503 {@code connect: connection refused}. */
	public SimulatedNode kubeletDown() {
		this.tlsMode = TlsMode.DOWN;
		return this;
	}

	/**
	 * The kubelet port accepts TCP and never answers the handshake; node proxy calls answer 503
	 * (TLS handshake timeout).
	 */
	public SimulatedNode kubeletHanging() {
		this.tlsMode = TlsMode.HANGING;
		return this;
	}

	/** The rotation settings /configz reports; they also decide which certificate series /metrics has by default. */
	public SimulatedNode configz(boolean rotateCertificates, boolean serverTLSBootstrap) {
		this.rotateCertificates = rotateCertificates;
		this.serverTLSBootstrap = serverTLSBootstrap;
		this.configz = null;
		return this;
	}

	public SimulatedNode configzBody(int status, String body) {
		this.configz = new ProxyAnswer(status, (status == 200) ? "application/json" : ProxyAnswer.TEXT, body);
		return this;
	}

	/** The body of /metrics; {@link KubeletMetricsText} writes the certificate-manager series. */
	public SimulatedNode metrics(String prometheusText) {
		this.metrics = new ProxyAnswer(200, "text/plain; version=0.0.4; charset=utf-8", prometheusText);
		return this;
	}

	public SimulatedNode metricsStatus(int status) {
		this.metrics = ProxyAnswer.text(status, status + " " + ((status == 403) ? "Forbidden" : "Error") + "\n");
		return this;
	}

	/** The journal lines /logs/?query=kubelet returns; {@link KubeletJournal} formats them. */
	public SimulatedNode logs(String... lines) {
		this.logLines = List.of(lines);
		this.logs = null;
		return this;
	}

	/** A fixed answer for every /logs request, e.g. the HTML /var/log listing of a kubelet without log query. */
	public SimulatedNode logsBody(int status, String contentType, String body) {
		this.logs = new ProxyAnswer(status, contentType, body);
		return this;
	}

	public SimulatedNode event(String reason, String type, String message, Duration age, int count) {
		this.events.add(new EventSpec(reason, type, message, age, count));
		return this;
	}

	/** The InternalIP of the Node object (default 127.0.0.1, where the fake kubelet listens). */
	public SimulatedNode addresses(String internalIp) {
		this.internalIp = internalIp;
		return this;
	}

	/**
	 * Starts the fake kubelet and writes the Node (addresses, kubelet port, version, conditions,
	 * taints), its Lease in kube-node-lease and its events.
	 */
	public synchronized SimulatedNode apply() {
		Instant now = this.cluster.clock().instant();
		FakeKubelet previous = this.kubelet;
		IssuedCertificate serving = servingCertificate(now);
		this.kubelet = startKubelet(serving);
		if (previous != null) {
			previous.close();
		}
		Instant created = now.minus(Duration.ofDays(120));
		this.cluster.store(NodeObjects.node(this.name, this.internalIp, this.kubelet.port(), this.kubeletVersion,
				conditions(now, created), taints(now), created));
		if (this.lease) {
			this.cluster.store(NodeObjects.lease(this.name, now.minus(leaseAge()), created));
		}
		for (int i = this.eventsApplied; i < this.events.size(); i++) {
			EventSpec event = this.events.get(i);
			this.cluster.store(NodeObjects.event(this.name, event.reason(), event.type(), event.message(),
					now.minus(event.age()), event.count(), i));
		}
		this.eventsApplied = this.events.size();
		this.cluster.register(this, behaviour(now, serving));
		return this;
	}

	/** The port the fake kubelet listens on, as published in the Node's kubelet endpoint. */
	public int kubeletPort() {
		FakeKubelet current = this.kubelet;
		if (current == null) {
			throw new IllegalStateException("Node " + this.name + " has not been applied yet");
		}
		return current.port();
	}

	/** The certificate the kubelet serves (the default one when none was given), or null without a serving endpoint. */
	public @Nullable IssuedCertificate servedCertificate() {
		return (this.tlsMode == TlsMode.SERVING) ? servingCertificate(this.cluster.clock().instant()) : null;
	}

	synchronized void stop() {
		if (this.kubelet != null) {
			this.kubelet.close();
		}
	}

	private IssuedCertificate servingCertificate(Instant now) {
		if (this.servingCertificate != null) {
			return this.servingCertificate;
		}
		if (this.defaultServingCertificate == null) {
			this.defaultServingCertificate = CertificateFactory.leaf("system:node:" + this.name,
					List.of("system:nodes"), CertificateFactory.Spec.serving(List.of(this.name), List.of(this.internalIp)),
					this.cluster.clusterCa(), now.minus(Duration.ofDays(65)), now.plus(Duration.ofDays(300)));
		}
		return this.defaultServingCertificate;
	}

	private FakeKubelet startKubelet(IssuedCertificate serving) {
		switch (this.tlsMode) {
			case NO_SERVING_CERTIFICATE:
				return FakeKubelet.withoutServingCertificate();
			case HANGING:
				return FakeKubelet.hanging();
			case DOWN:
				return FakeKubelet.down();
			default:
				return FakeKubelet.serving(serving,
						(method, target, authorization) -> this.cluster.kubelets()
							.answer(this.name, method, target, authorization),
						this.intermediates.toArray(X509Certificate[]::new));
		}
	}

	private List<NodeCondition> conditions(Instant now, Instant created) {
		switch (this.readiness) {
			case NOT_READY:
				return NodeObjects.notReady(this.notReadyReason, this.notReadyMessage, now.minus(FRESH),
						now.minus(Duration.ofMinutes(3)));
			case UNKNOWN:
				Instant lastHeartbeat = now.minus(this.unknownSince);
				Instant transition = lastHeartbeat.plus(NodeObjects.MONITOR_GRACE_PERIOD);
				return NodeObjects.unknown(lastHeartbeat, transition.isAfter(now) ? now : transition);
			default:
				return NodeObjects.ready(now.minus(FRESH), created.plus(Duration.ofMinutes(1)));
		}
	}

	private List<Taint> taints(Instant now) {
		switch (this.readiness) {
			case NOT_READY:
				return NodeObjects.taints("node.kubernetes.io/not-ready", now.minus(Duration.ofMinutes(3)));
			case UNKNOWN:
				Instant transition = now.minus(this.unknownSince).plus(NodeObjects.MONITOR_GRACE_PERIOD);
				return NodeObjects.taints("node.kubernetes.io/unreachable", transition.isAfter(now) ? now : transition);
			default:
				return List.of();
		}
	}

	private Duration leaseAge() {
		if (this.leaseAge != null) {
			return this.leaseAge;
		}
		return (this.readiness == Readiness.UNKNOWN) ? this.unknownSince : FRESH;
	}

	private KubeletBehaviour behaviour(Instant now, IssuedCertificate serving) {
		ProxyAnswer configzAnswer = (this.configz != null) ? this.configz
				: KubeletAnswers.configz(this.kubeletVersion, this.rotateCertificates, this.serverTLSBootstrap);
		ProxyAnswer metricsAnswer = (this.metrics != null) ? this.metrics
				: KubeletAnswers.metrics(this.rotateCertificates, this.serverTLSBootstrap, servingTtl(now, serving));
		List<String> lines = (this.logLines != null) ? this.logLines
				: KubeletAnswers.logLines(this.name, now, this.serverTLSBootstrap);
		return new KubeletBehaviour(this.name, this.kubeletVersion, this.internalIp, kubeletPort(), this.tlsMode,
				configzAnswer, metricsAnswer, this.logs, lines);
	}

	/** The kubelet reports +Inf when it holds no usable serving certificate. */
	private double servingTtl(Instant now, IssuedCertificate serving) {
		Instant notAfter = serving.certificate().getNotAfter().toInstant();
		if (this.tlsMode == TlsMode.NO_SERVING_CERTIFICATE || !notAfter.isAfter(now)) {
			return Double.POSITIVE_INFINITY;
		}
		return KubeletMetricsText.ttl(Duration.between(now, notAfter));
	}

	private enum Readiness {

		READY, NOT_READY, UNKNOWN

	}

	private record EventSpec(String reason, String type, String message, Duration age, int count) {
	}

}
