package io.kubeletdoctor.diagnosis.rules;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.DiagnosisRule;
import io.kubeletdoctor.diagnosis.Evidence;
import io.kubeletdoctor.diagnosis.Finding;
import io.kubeletdoctor.diagnosis.HostileStrings;
import io.kubeletdoctor.diagnosis.Remediation;
import io.kubeletdoctor.diagnosis.ShellWords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule's commands, built from every situation of the rule tests with hostile values where the
 * rules take names from (the node, CSR names), parse (never run) to the same shell structure as
 * with plain names: the same words and operators, nothing expanded, the hostile value inside one
 * word. Node names are validated before a diagnosis, so a hostile node here is a second line of
 * defence; CSR names come from the API unchecked.
 */
class HostileCommandsTests {

	/** The rule tests whose situations are replayed; together they make every rule fire. */
	private static final List<Class<?>> RULE_TESTS = List.of(CaExpiredRuleTests.class, CaExpiringRuleTests.class,
			CaMismatchRuleTests.class, ClientCertExpiredRuleTests.class, ClientCsrNotAuthorizedRuleTests.class,
			ClockSkewRuleTests.class, CsrApproverNotRunningRuleTests.class, CsrCreateForbiddenRuleTests.class,
			CsrDeniedRuleTests.class, CsrNotIssuedRuleTests.class, CsrSigningFailedRuleTests.class,
			FallbackRulesTests.class, KubeletNotRunningRuleTests.class, NodeNotFoundRuleTests.class,
			RotationDisabledRuleTests.class, ServingCertExpiredRuleTests.class, ServingCsrNotApprovedRuleTests.class);

	private static final List<String> PAYLOADS = HostileStrings.KNOWN.stream().filter((s) -> !s.isBlank()).toList();

	private static AnnotationConfigApplicationContext context;

	private static List<DiagnosisRule> rules;

	@BeforeAll
	static void startRules() {
		context = new AnnotationConfigApplicationContext();
		context.scan("io.kubeletdoctor.diagnosis.rules");
		context.refresh();
		rules = List.copyOf(context.getBeansOfType(DiagnosisRule.class).values());
	}

	@AfterAll
	static void stopRules() {
		context.close();
	}

	@Test
	void hostileCsrNamesStayOneWordInEveryCommand() {
		Set<Class<?>> fired = new LinkedHashSet<>();
		int reached = 0;
		for (int i = 0; i < situations().size(); i++) {
			EvidenceBuilder situation = situations().get(i);
			String payload = PAYLOADS.get(i % PAYLOADS.size());
			Evidence plain = situation.build(EvidenceBuilder.NODE, UnaryOperator.identity());
			Evidence hostile = situation.build(EvidenceBuilder.NODE, (name) -> name + payload);
			for (DiagnosisRule rule : rules) {
				Optional<Finding> expected = rule.evaluate(plain);
				expected.ifPresent((finding) -> fired.add(rule.getClass()));
				reached += sameStructure(rule, expected, rule.evaluate(hostile), payload);
			}
		}
		assertThat(fired).as("rules that fired").containsExactlyInAnyOrderElementsOf(
				rules.stream().map(Object::getClass).toList());
		assertThat(reached).as("commands carrying a hostile CSR name").isGreaterThan(10);
	}

	@Test
	void hostileNodeNamesStayOneWordInEveryCommand() {
		int reached = 0;
		for (int i = 0; i < situations().size(); i++) {
			EvidenceBuilder situation = situations().get(i);
			String payload = PAYLOADS.get(i % PAYLOADS.size());
			// Another plain name, so rules that match a CSR's requester to the node see no match in either.
			Evidence plain = situation.build("worker-2", UnaryOperator.identity());
			Evidence hostile = situation.build(payload, UnaryOperator.identity());
			for (DiagnosisRule rule : rules) {
				reached += sameStructure(rule, rule.evaluate(plain), rule.evaluate(hostile), payload);
			}
		}
		assertThat(reached).as("commands carrying a hostile node name").isGreaterThan(10);
	}

	/** Compares each command pair; returns how many hostile commands carry the payload in one word. */
	private static int sameStructure(DiagnosisRule rule, Optional<Finding> plain, Optional<Finding> hostile,
			String payload) {
		assertThat(hostile.isPresent()).as("%s fires alike", rule.getClass().getSimpleName())
			.isEqualTo(plain.isPresent());
		if (plain.isEmpty()) {
			return 0;
		}
		List<String> expected = commands(plain.get());
		List<String> actual = commands(hostile.get());
		assertThat(actual).as("%s commands", rule.getClass().getSimpleName()).hasSameSizeAs(expected);
		int reached = 0;
		for (int c = 0; c < expected.size(); c++) {
			String command = actual.get(c);
			assertThat(ShellWords.structure(command)).as("structure of %s", command)
				.isEqualTo(ShellWords.structure(expected.get(c)));
			if (ShellWords.parse(command).stream().anyMatch((token) -> !token.operator()
					&& token.text().contains(payload))) {
				reached++;
			}
		}
		return reached;
	}

	private static List<String> commands(Finding finding) {
		return finding.remediation().stream().map(Remediation::commands).flatMap(List::stream).toList();
	}

	private static List<EvidenceBuilder> situations;

	/** Every EvidenceBuilder the rule tests' argument sources hand out. */
	private static List<EvidenceBuilder> situations() {
		if (situations == null) {
			List<EvidenceBuilder> found = new ArrayList<>();
			for (Class<?> test : RULE_TESTS) {
				for (Method source : test.getDeclaredMethods()) {
					if (java.lang.reflect.Modifier.isStatic(source.getModifiers())
							&& source.getParameterCount() == 0 && Stream.class.equals(source.getReturnType())) {
						found.addAll(builders(source));
					}
				}
			}
			situations = List.copyOf(found);
		}
		return situations;
	}

	private static List<EvidenceBuilder> builders(Method source) {
		try {
			source.setAccessible(true);
			List<EvidenceBuilder> found = new ArrayList<>();
			((Stream<?>) source.invoke(null)).forEach((item) -> {
				Object[] values = (item instanceof Arguments arguments) ? arguments.get() : new Object[] { item };
				for (Object value : values) {
					if (value instanceof EvidenceBuilder builder) {
						found.add(builder);
					}
				}
			});
			return found;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
