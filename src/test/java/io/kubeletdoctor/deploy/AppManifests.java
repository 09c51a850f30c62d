package io.kubeletdoctor.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The objects of the kustomize base in {@code app/}, one per file listed under {@code resources:}. */
final class AppManifests {

	static final Path APP = Path.of("app");

	static final String NAMESPACE = "kubelet-doctor";

	static final String NAME = "kubelet-doctor";

	private final YamlNode kustomization;

	private final List<YamlNode> objects;

	private AppManifests(YamlNode kustomization, List<YamlNode> objects) {
		this.kustomization = kustomization;
		this.objects = objects;
	}

	static AppManifests load() {
		YamlNode kustomization = YamlNode.load(APP.resolve("kustomization.yaml"));
		List<YamlNode> objects = kustomization.get("resources")
			.texts()
			.stream()
			.map((file) -> YamlNode.load(APP.resolve(file)))
			.toList();
		return new AppManifests(kustomization, objects);
	}

	/** The base with the resources of {@code app/components/<component>} added, as an overlay using it renders. */
	static AppManifests loadWithComponent(String component) {
		AppManifests base = load();
		Path directory = APP.resolve("components").resolve(component);
		List<YamlNode> objects = new ArrayList<>(base.objects);
		YamlNode.load(directory.resolve("kustomization.yaml"))
			.get("resources")
			.texts()
			.forEach((file) -> objects.add(YamlNode.load(directory.resolve(file))));
		return new AppManifests(base.kustomization, List.copyOf(objects));
	}

	YamlNode kustomization() {
		return this.kustomization;
	}

	List<YamlNode> objects() {
		return this.objects;
	}

	List<YamlNode> ofKind(String kind) {
		return this.objects.stream().filter((object) -> kind.equals(object.get("kind").textOrNull())).toList();
	}

	YamlNode object(String kind, @Nullable String namespace, String name) {
		return ofKind(kind).stream()
			.filter((object) -> name.equals(object.get("metadata").get("name").textOrNull()))
			.filter((object) -> namespace == null
					|| namespace.equals(object.get("metadata").get("namespace").textOrNull()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " " + namespace + "/" + name + " in " + APP));
	}

	YamlNode deployment() {
		return object("Deployment", NAMESPACE, NAME);
	}

	YamlNode container() {
		return deployment().get("spec").get("template").get("spec").get("containers").find("name", NAME);
	}

}
