package io.kubeletdoctor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The alert names the playbooks in {@code playbooks/} handle: what Alertmanager should route to the service. */
final class Playbooks {

	private Playbooks() {
	}

	static Set<String> alertNames() {
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.list(Path.of("playbooks"))) {
			files.filter((file) -> file.toString().endsWith(".yaml"))
				.forEach((file) -> names.addAll(YamlNode.load(file).get("alerts").texts()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

}
