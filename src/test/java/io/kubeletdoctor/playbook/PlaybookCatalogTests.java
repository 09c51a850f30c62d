package io.kubeletdoctor.playbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.kubeletdoctor.diagnosis.stepfacts.StepId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PlaybookCatalogTests {

	private static final List<DiagnosisStep> STEPS = List.of(step(StepId.NODE_STATUS), step(StepId.KUBELET_LOGS));

	@TempDir
	Path dir;

	@Test
	void packagedPlaybooksAnswerEveryKubeletAlert() throws IOException {
		PlaybookCatalog catalog = new PlaybookCatalog(new PlaybookProperties("classpath:playbooks/"),
				new PathMatchingResourcePatternResolver(), sevenSteps());
		assertThat(catalog.forAlertnames(List.of("KubeletDown")).name()).isEqualTo("kubelet-down");
		assertThat(catalog.forAlertnames(List.of("KubeNodeNotReady")).name()).isEqualTo("kubelet-down");
		assertThat(catalog.forAlertnames(List.of("KubeletServerCertificateExpiration")).name())
			.isEqualTo("certificate-rotation");
		assertThat(catalog.forAlertnames(List.of("KubeletCertificateRotationFailing")).name())
			.isEqualTo("certificate-rotation");
		assertThat(catalog.forAlertnames(List.of("SomethingElse")).name()).as("fallback")
			.isEqualTo("certificate-rotation");
	}

	@Test
	void aDirectoryOverridesThePackagedPlaybooks() throws IOException {
		write("custom.yaml", """
				name: custom
				fallback: true
				alerts: [MyKubeletAlert]
				steps: [kubelet-logs, node-status]
				""");
		PlaybookCatalog catalog = catalog();
		assertThat(catalog.playbooks()).extracting(Playbook::name).containsExactly("custom");
		assertThat(catalog.forAlertnames(List.of("MyKubeletAlert")).steps()).containsExactly(StepId.KUBELET_LOGS,
				StepId.NODE_STATUS);
	}

	@Test
	void unknownStepStopsTheStartNamingIt() throws IOException {
		write("bad.yaml", "name: bad\nfallback: true\nsteps: [node-status, node-dmesg]\n");
		assertThatIllegalStateException().isThrownBy(this::catalog)
			.withMessageContaining("node-dmesg")
			.withMessageContaining("kubelet-logs");
	}

	@Test
	void aKnownStepWithoutABeanIsUnknownToo() throws IOException {
		write("sweep.yaml", "name: sweep\nfallback: true\nsteps: [node-status, cluster-sweep]\n");
		assertThatIllegalStateException().isThrownBy(this::catalog)
			.withMessageContaining("unknown steps [cluster-sweep]")
			.withMessageContaining("[kubelet-logs, node-status]");
	}

	@Test
	void exactlyOneFallbackIsRequired() throws IOException {
		write("a.yaml", "name: a\nsteps: [node-status]\n");
		assertThatIllegalStateException().isThrownBy(this::catalog).withMessageContaining("fallback");
	}

	@Test
	void emptyDirectoryIsAClearError() {
		assertThatIllegalStateException().isThrownBy(this::catalog).withMessageContaining("No playbooks");
	}

	private PlaybookCatalog catalog() throws IOException {
		return new PlaybookCatalog(new PlaybookProperties(this.dir.toUri().toString()),
				new PathMatchingResourcePatternResolver(), STEPS);
	}

	private void write(String name, String yaml) throws IOException {
		Files.writeString(this.dir.resolve(name), yaml);
	}

	private static List<DiagnosisStep> sevenSteps() {
		return List.of(StepId.NODE_STATUS, StepId.NODE_EVENTS, StepId.KUBELET_CERTIFICATES, StepId.KUBELET_LOGS,
				StepId.CERTIFICATE_REQUESTS, StepId.CERTIFICATE_AUTHORITY, StepId.RBAC)
			.stream()
			.map(PlaybookCatalogTests::step)
			.toList();
	}

	private static DiagnosisStep step(StepId id) {
		return new DiagnosisStep() {

			@Override
			public StepId id() {
				return id;
			}

			@Override
			public String title() {
				return id.id();
			}

			@Override
			public StepResult run(StepContext context) {
				return StepResult.skipped("test");
			}

		};
	}

}
