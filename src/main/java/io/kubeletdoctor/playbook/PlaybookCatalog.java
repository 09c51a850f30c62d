package io.kubeletdoctor.playbook;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The playbooks, read once at start from {@code kubelet-doctor.playbooks.location}. A playbook that
 * names a step no bean provides stops the start with the list of known steps, rather than failing
 * at 3 a.m. when the alert arrives.
 */
@Component
public class PlaybookCatalog {

	private static final Logger logger = LoggerFactory.getLogger(PlaybookCatalog.class);

	private final List<Playbook> playbooks;

	PlaybookCatalog(PlaybookProperties properties, ResourcePatternResolver resources, List<DiagnosisStep> steps)
			throws IOException {
		Set<StepId> known = steps.stream().map(DiagnosisStep::id).collect(Collectors.toSet());
		this.playbooks = load(properties.location(), resources, known);
		if (this.playbooks.stream().filter(Playbook::fallback).count() != 1) {
			throw new IllegalStateException("Exactly one playbook in " + properties.location()
					+ " must be marked 'fallback: true' to answer alerts no playbook names");
		}
		logger.info("Loaded playbooks {} from {}", this.playbooks.stream().map(Playbook::name).toList(),
				properties.location());
	}

	public List<Playbook> playbooks() {
		return this.playbooks;
	}

	/** The playbook for the first alert whose name a playbook lists, else the fallback. */
	public Playbook forAlertnames(Collection<String> alertnames) {
		for (String alertname : alertnames) {
			for (Playbook playbook : this.playbooks) {
				if (playbook.alerts().contains(alertname)) {
					return playbook;
				}
			}
		}
		return this.playbooks.stream().filter(Playbook::fallback).findFirst().orElseThrow();
	}

	private static List<Playbook> load(String location, ResourcePatternResolver resources, Set<StepId> known)
			throws IOException {
		String base = location.endsWith("/") ? location : location + "/";
		List<Resource> files = new ArrayList<>();
		files.addAll(List.of(resources.getResources(base + "*.yaml")));
		files.addAll(List.of(resources.getResources(base + "*.yml")));
		files.sort(Comparator.comparing(Resource::getDescription));
		if (files.isEmpty()) {
			throw new IllegalStateException("No playbooks (*.yaml) found in " + location);
		}
		List<Playbook> playbooks = new ArrayList<>();
		for (Resource file : files) {
			playbooks.add(read(file, known));
		}
		return playbooks;
	}

	@SuppressWarnings("unchecked")
	private static Playbook read(Resource file, Set<StepId> known) throws IOException {
		try (InputStream in = file.getInputStream()) {
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			if (!(document instanceof Map<?, ?> map)) {
				throw new IllegalStateException(file.getDescription() + " is not a YAML mapping");
			}
			Map<String, Object> yaml = (Map<String, Object>) map;
			String name = required(yaml, "name", file);
			return new Playbook(name, String.valueOf(yaml.getOrDefault("title", name)), strings(yaml, "alerts", file),
					Boolean.TRUE.equals(yaml.get("fallback")), steps(name, strings(yaml, "steps", file), known));
		}
	}

	/** The playbook's steps, each one a {@link StepId} that a step bean runs. */
	private static List<StepId> steps(String playbook, List<String> names, Set<StepId> known) {
		List<String> unknown = names.stream()
			.filter((name) -> StepId.of(name).filter(known::contains).isEmpty())
			.toList();
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("Playbook '" + playbook + "' names unknown steps " + unknown
					+ "; known steps: " + known.stream().map(StepId::id).sorted().toList());
		}
		return names.stream().map((name) -> StepId.of(name).orElseThrow()).toList();
	}

	private static String required(Map<String, Object> yaml, String key, Resource file) {
		Object value = yaml.get(key);
		if (value == null) {
			throw new IllegalStateException(file.getDescription() + " has no '" + key + "'");
		}
		return value.toString();
	}

	private static List<String> strings(Map<String, Object> yaml, String key, Resource file) {
		Object value = yaml.getOrDefault(key, List.of());
		if (!(value instanceof List<?> list)) {
			throw new IllegalStateException(file.getDescription() + ": '" + key + "' must be a list");
		}
		return list.stream().map(String::valueOf).toList();
	}

}
