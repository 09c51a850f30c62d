package io.kubeletdoctor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.kubeletdoctor.playbook.ReportDrainer;
import io.kubeletdoctor.report.ReportQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature modules of DESIGN §3 and what each may use: a whole module, or only the named types
 * of one ({@code module.Type}). The playbook engine finds steps, rules and the cluster sweep as
 * beans, so it never depends on them; the diagnosis rules never touch the cluster, they only name
 * how a kubelet port answered; the intake only asks which clusters are configured and keeps its
 * generated credential as the read token is kept; the sinks only hear the events of the engine
 * and the intake; read access knows no feature, so a page added later is protected by default.
 */
class ModuleDependencyTests {

	private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
			Map.entry("pki", List.of()),
			Map.entry("diagnosis", List.of("pki", "cluster.Reachability")),
			Map.entry("cluster", List.of("pki")),
			Map.entry("report", List.of("diagnosis", "pki")),
			Map.entry("playbook", List.of("cluster", "diagnosis", "report", "pki")),
			Map.entry("sweep", List.of("playbook", "cluster", "diagnosis", "report", "pki")),
			Map.entry("step", List.of("playbook", "cluster", "diagnosis", "pki")),
			Map.entry("intake", List.of("report", "cluster.ClusterRegistry", "security.StoredToken")),
			Map.entry("schedule", List.of("playbook", "report", "intake")),
			Map.entry("retention", List.of("report")),
			Map.entry("notify", List.of("report", "diagnosis", "playbook.ReportCompleted", "intake.ReportResolved")),
			Map.entry("demo", List.of("cluster", "diagnosis", "pki", "intake")),
			Map.entry("security", List.of()),
			Map.entry("fleet", List.of("cluster", "diagnosis", "pki", "report", "step.KubeletConfigz",
					"step.KubeletMetricsParser", "step.CsrIndex", "step.CsrDecoder", "intake.NotificationIntake",
					"intake.AlertmanagerNotification", "intake.AlertmanagerAlert", "intake.AcceptedNotification")),
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

	/** A named type, or one nested in it (a record declared inside an allowed interface, say). */
	private static DescribedPredicate<JavaClass> nestedInAnyOf(Set<String> types) {
		return DescribedPredicate.describe("one of " + types, (javaClass) -> {
			String name = javaClass.getName();
			return types.stream().anyMatch((type) -> name.equals(type) || name.startsWith(type + "$"));
		});
	}

	@ParameterizedTest
	@MethodSource("modules")
	void moduleUsesOnlyWhatItIsAllowedTo(String module) {
		Set<String> forbidden = new LinkedHashSet<>(ALLOWED.keySet());
		forbidden.remove(module);
		Set<String> types = new LinkedHashSet<>();
		for (String allowed : ALLOWED.get(module)) {
			int dot = allowed.indexOf('.');
			if (dot < 0) {
				forbidden.remove(allowed);
			}
			else {
				types.add("io.kubeletdoctor." + allowed);
			}
		}
		String[] packages = forbidden.stream().map((m) -> "io.kubeletdoctor." + m + "..").toArray(String[]::new);
		noClasses().that()
			.resideInAPackage("io.kubeletdoctor." + module + "..")
			.should()
			.dependOnClassesThat(resideInAnyPackage(packages).and(not(nestedInAnyOf(types))))
			.check(classes);
	}

	@Test
	void everyAllowedTypeExists() {
		ALLOWED.values()
			.stream()
			.flatMap(List::stream)
			.filter((allowed) -> allowed.contains("."))
			.forEach((type) -> assertThat(classes.contain("io.kubeletdoctor." + type)).as(type).isTrue());
	}

	/** Claims, hand-backs and node reports follow one set of rules, so one class outside the store writes them. */
	@Test
	void theDrainerIsTheOneWriterOfTheQueue() {
		DescribedPredicate<JavaMethodCall> writesTheQueue = DescribedPredicate.describe("a write to the report queue",
				(call) -> call.getTargetOwner().isEquivalentTo(ReportQueue.class)
						&& !call.getName().equals("clustersWithQueuedReports"));
		noClasses().that()
			.doNotHaveFullyQualifiedName(ReportDrainer.class.getName())
			.and()
			.resideOutsideOfPackage("io.kubeletdoctor.report..")
			.should()
			.callMethodWhere(writesTheQueue)
			.check(classes);
	}

	@Test
	void modulesAreFreeOfCycles() {
		slices().matching("io.kubeletdoctor.(*)..").should().beFreeOfCycles().check(classes);
	}

}
