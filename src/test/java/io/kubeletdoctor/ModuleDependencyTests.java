package io.kubeletdoctor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature modules of DESIGN §3 and what each may use. The playbook engine finds steps and
 * rules as beans, so it never depends on them; the diagnosis rules never touch the cluster.
 */
class ModuleDependencyTests {

	private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
			Map.entry("pki", List.of()),
			Map.entry("diagnosis", List.of("pki")),
			Map.entry("cluster", List.of("diagnosis", "pki")),
			Map.entry("report", List.of("diagnosis", "pki")),
			Map.entry("playbook", List.of("cluster", "diagnosis", "report", "pki")),
			Map.entry("step", List.of("playbook", "cluster", "diagnosis", "pki")),
			Map.entry("intake", List.of("report", "cluster")),
			Map.entry("schedule", List.of("playbook", "report", "intake")),
			Map.entry("notify", List.of("report", "diagnosis")),
			Map.entry("demo", List.of("cluster", "diagnosis", "pki", "intake")),
			Map.entry("system", List.of()));

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.kubeletdoctor");
	}

	static Set<String> modules() {
		return ALLOWED.keySet();
	}

	@ParameterizedTest
	@MethodSource("modules")
	void moduleUsesOnlyWhatItIsAllowedTo(String module) {
		Set<String> forbidden = new LinkedHashSet<>(ALLOWED.keySet());
		forbidden.remove(module);
		forbidden.removeAll(ALLOWED.get(module));
		String[] packages = forbidden.stream().map((m) -> "io.kubeletdoctor." + m + "..").toArray(String[]::new);
		noClasses().that()
			.resideInAPackage("io.kubeletdoctor." + module + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(packages)
			.check(classes);
	}

	@Test
	void modulesAreFreeOfCycles() {
		slices().matching("io.kubeletdoctor.(*)..").should().beFreeOfCycles().check(classes);
	}

}
