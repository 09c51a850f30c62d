package io.kubeletdoctor.schedule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.quartz.spi.InstanceIdGenerator;

/**
 * The Quartz instance id of this process ({@code instanceId=AUTO}): a readable name of the replica
 * followed by a random UUID. Quartz's own generator resolves the host name and stops the service at
 * start ("Cannot run without an instance id") where the container cannot resolve it, for example
 * without an {@code /etc/hosts} entry. The name therefore comes from the environment first (the pod
 * name, else the host name the container runtime sets) and falls back to resolving, then to a fixed
 * word; it never fails. The random part keeps the id unique per process, even for a restarted pod of
 * the same name: a dead replica's work is recovered by its id, so no two processes may share one.
 * Public with a public constructor because Quartz instantiates it by class name.
 */
public class ReplicaInstanceIdGenerator implements InstanceIdGenerator {

	private static final List<String> NAME_VARIABLES = List.of("POD_NAME", "HOSTNAME");

	private static final String FALLBACK_NAME = "kubelet-doctor";

	/** Leaves room for the UUID within the 200 characters of Quartz's instance name columns. */
	private static final int MAX_NAME_LENGTH = 100;

	private final Function<String, @Nullable String> environment;

	private final Supplier<@Nullable String> resolvedHostName;

	public ReplicaInstanceIdGenerator() {
		this(System::getenv, ReplicaInstanceIdGenerator::resolveHostName);
	}

	ReplicaInstanceIdGenerator(Function<String, @Nullable String> environment,
			Supplier<@Nullable String> resolvedHostName) {
		this.environment = environment;
		this.resolvedHostName = resolvedHostName;
	}

	@Override
	public String generateInstanceId() {
		String name = name();
		return name.substring(0, Math.min(name.length(), MAX_NAME_LENGTH)) + "-" + UUID.randomUUID();
	}

	private String name() {
		for (String variable : NAME_VARIABLES) {
			String value = this.environment.apply(variable);
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		String hostName = this.resolvedHostName.get();
		return (hostName != null && !hostName.isBlank()) ? hostName.strip() : FALLBACK_NAME;
	}

	private static @Nullable String resolveHostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
