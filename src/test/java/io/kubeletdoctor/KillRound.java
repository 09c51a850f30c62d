package io.kubeletdoctor;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.kubeletdoctor.demo.DemoScenarios;
import io.kubeletdoctor.support.ServiceProcess;
import io.kubeletdoctor.support.Webhook;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One round of the kill -9 check: a burst of notifications, each delivered to both replicas as an
 * Alertmanager HA pair does; a third of the way in, the replica that is draining (holding claimed
 * reports) is killed with SIGKILL by its PID and then started again; the round ends when every
 * acknowledged alert has a completed report, or after {@link #DEADLINE}.
 */
final class KillRound {

	static final Duration DEADLINE = Duration.ofSeconds(120);

	private static final List<String> NODES = List.copyOf(DemoScenarios.expectedVerdicts().keySet());

	private static final long PACE_MILLIS = 15;

	private final ServiceProcess[] replicas;

	private final IntFunction<ServiceProcess> restart;

	private final JdbcClient jdbc;

	private final int notifications;

	/** This round's fingerprints to the answers of replica 0 and replica 1. */
	private final Map<String, Answer[]> answers = new ConcurrentHashMap<>();

	KillRound(ServiceProcess[] replicas, IntFunction<ServiceProcess> restart, JdbcClient jdbc, int notifications) {
		this.replicas = replicas;
		this.restart = restart;
		this.jdbc = jdbc;
		this.notifications = notifications;
	}

	Figures run(int round) throws Exception {
		this.answers.clear();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		List<Future<?>> posts = new ArrayList<>();
		Kill kill = null;
		try {
			for (int i = 0; i < this.notifications; i++) {
				if (i == this.notifications / 3) {
					kill = killTheDrainingReplica(round);
				}
				String fingerprint = Webhook.newFingerprint();
				String node = NODES.get(i % NODES.size());
				Answer[] pair = new Answer[2];
				this.answers.put(fingerprint, pair);
				for (int side = 0; side < 2; side++) {
					int replica = side;
					Webhook webhook = this.replicas[side].webhook();
					posts.add(senders.submit(() -> pair[replica] = Answer.of(webhook, fingerprint, node)));
				}
				Thread.sleep(PACE_MILLIS);
			}
			for (Future<?> post : posts) {
				post.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			senders.shutdownNow();
		}
		int victim = kill.victim();
		CompletableFuture<ServiceProcess> restarted = CompletableFuture.supplyAsync(() -> this.restart.apply(victim));
		Figures figures = awaitWork(round, kill);
		this.replicas[victim] = restarted.get(3, TimeUnit.MINUTES);
		return figures;
	}

	/** Kills the replica whose drain holds claimed reports; waits up to 10 s for one, else alternates. */
	private Kill killTheDrainingReplica(int round) {
		int victim = round % 2;
		boolean midDrain = false;
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			Optional<Integer> draining = drainingReplica();
			if (draining.isPresent()) {
				victim = draining.get();
				midDrain = true;
				break;
			}
			pause(20);
		}
		ServiceProcess dying = this.replicas[victim];
		Instant at = Instant.now();
		int exitStatus = dying.kill();
		// Nothing of the dead replica can change now: what it held RUNNING is exactly its orphaned work.
		List<String> orphans = this.jdbc.sql("SELECT id FROM report WHERE status = 'RUNNING' AND claimed_by LIKE ?")
			.param(dying.instanceId() + "/%")
			.query(String.class)
			.list();
		return new Kill(victim, dying.instanceId(), dying.pid(), at, exitStatus, midDrain, orphans);
	}

	private Optional<Integer> drainingReplica() {
		List<String> owners = this.jdbc
			.sql("SELECT claimed_by FROM report WHERE status = 'RUNNING' AND claimed_by IS NOT NULL")
			.query(String.class)
			.list();
		for (int i = 0; i < this.replicas.length; i++) {
			String prefix = this.replicas[i].instanceId() + "/";
			if (owners.stream().anyMatch((owner) -> owner.startsWith(prefix))) {
				return Optional.of(i);
			}
		}
		return Optional.empty();
	}

	private Figures awaitWork(int round, Kill kill) {
		Set<String> acknowledged = this.answers.entrySet()
			.stream()
			.filter((entry) -> entry.getValue()[0].accepted() || entry.getValue()[1].accepted())
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		Duration recovery = null;
		Map<String, String> statuses = Map.of();
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		while (System.nanoTime() < deadline) {
			if (recovery == null && allCompleted(kill.orphans())) {
				recovery = Duration.between(kill.at(), Instant.now());
			}
			statuses = statuses(this.answers.keySet());
			Map<String, String> seen = statuses;
			if (recovery != null && acknowledged.stream().allMatch((f) -> "COMPLETED".equals(seen.get(f)))) {
				break;
			}
			pause(200);
		}
		Duration allDone = Duration.between(kill.at(), Instant.now());
		Map<String, String> last = statuses;
		int lost = (int) acknowledged.stream().filter((f) -> !"COMPLETED".equals(last.get(f))).count();
		int completed = (int) last.values().stream().filter("COMPLETED"::equals).count();
		int split = (int) this.answers.values()
			.stream()
			.filter((pair) -> pair[0].accepted() && pair[1].accepted() && !pair[0].reports().equals(pair[1].reports()))
			.count();
		List<Answer> all = this.answers.values().stream().flatMap((pair) -> List.of(pair).stream()).toList();
		int accepted = (int) all.stream().filter(Answer::accepted).count();
		int unreachable = (int) all.stream().filter((answer) -> answer.status() == Answer.UNREACHABLE).count();
		return new Figures(round, kill, all.size(), accepted, unreachable, all.size() - accepted - unreachable,
				acknowledged.size(), completed, lost, split + reportsWithoutAlerts(),
				kill.orphans().isEmpty() ? null : recovery, allDone);
	}

	private boolean allCompleted(List<String> reportIds) {
		if (reportIds.isEmpty()) {
			return true;
		}
		return this.jdbc.sql("SELECT COUNT(*) FROM report WHERE status = 'COMPLETED' AND id IN (:ids)")
			.param("ids", reportIds)
			.query(Long.class)
			.single() == reportIds.size();
	}

	private Map<String, String> statuses(Collection<String> fingerprints) {
		Map<String, String> statuses = new HashMap<>();
		this.jdbc.sql("""
				SELECT a.fingerprint, r.status FROM report_alert a JOIN report r ON r.id = a.report_id
				WHERE a.fingerprint IN (:fingerprints)""")
			.param("fingerprints", fingerprints)
			.query((rs) -> {
				statuses.put(rs.getString("fingerprint"), rs.getString("status"));
			});
		return statuses;
	}

	/** Reports that no alert instance points to: a second report opened for an alert would be one. */
	private int reportsWithoutAlerts() {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM report r WHERE r.parent_id IS NULL
				AND NOT EXISTS (SELECT 1 FROM report_alert a WHERE a.report_id = r.id)""")
			.query(Integer.class)
			.single();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What one replica answered to one delivery: the status and the report ids. */
	record Answer(int status, List<String> reports) {

		/** The status of a delivery that got no answer: the replica was dead or died while answering. */
		static final int UNREACHABLE = -1;

		static Answer of(Webhook webhook, String fingerprint, String node) {
			try {
				HttpResponse<String> response = webhook.post(webhook.notification(List.of(Webhook.alert("firing",
						fingerprint, "2026-11-30T06:00:00Z",
						Map.of("alertname", "KubeletClientCertificateExpiration", "node", node)))));
				List<String> reports = new ArrayList<>();
				if (response.statusCode() == 202) {
					for (JsonNode report : webhook.json(response).get("reports")) {
						reports.add(report.get("id").asString());
					}
				}
				return new Answer(response.statusCode(), reports);
			}
			catch (IllegalStateException ex) {
				return new Answer(UNREACHABLE, List.of());
			}
		}

		boolean accepted() {
			return this.status == 202;
		}

	}

	record Kill(int victim, String instanceId, long pid, Instant at, int exitStatus, boolean midDrain,
			List<String> orphans) {
	}

	/**
	 * A round's outcome. {@code sent}: deliveries (two per notification); {@code unreachable}: those
	 * that got no answer from a dead replica; {@code other}: any answer but 202. {@code duplicates}:
	 * deliveries both replicas accepted with different reports, plus reports no alert points to.
	 * {@code recovery}: from the kill until the reports the dead replica held were completed by
	 * another (null when it held none); {@code allDone}: until every acknowledged alert's was.
	 */
	record Figures(int round, Kill kill, int sent, int accepted, int unreachable, int other, int alertsAcknowledged,
			int completed, int lost, int duplicates, @Nullable Duration recovery, Duration allDone) {

		String line() {
			return String.format("%5d  %-12s %7d  %9s  %4d  %4d  %6d  %5d  %6d  %9d  %4d  %4d  %8d  %8s  %8s",
					this.round, this.kill.instanceId(), this.kill.pid(), this.kill.midDrain() ? "yes" : "no",
					this.sent, this.accepted, this.unreachable, this.other, this.alertsAcknowledged, this.completed,
					this.lost, this.duplicates, this.kill.orphans().size(), seconds(this.recovery),
					seconds(this.allDone));
		}

		static String header() {
			return String.format("%5s  %-12s %7s  %9s  %4s  %4s  %6s  %5s  %6s  %9s  %4s  %4s  %8s  %8s  %8s", "round",
					"killed", "pid", "mid-drain", "sent", "202", "no-ans", "other", "alerts", "completed", "lost",
					"dup", "orphaned", "recovery", "all done");
		}

		static String seconds(@Nullable Duration duration) {
			return (duration != null) ? String.format("%.1f s", duration.toMillis() / 1000.0) : "-";
		}

	}

}
