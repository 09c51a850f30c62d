package io.kubeletdoctor.step;

import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.HostileStrings;
import io.kubeletdoctor.diagnosis.ShellWords;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The command a step offers when it cannot read the API parses alike whatever the node is called. */
class ManualCommandsTests {

	static Stream<String> hostile() {
		return HostileStrings.all(200);
	}

	@ParameterizedTest
	@MethodSource("hostile")
	void canIKeepsTheNodeInOneWord(String node) {
		String command = ManualCommands.canI(node, "selfnodeclient");

		assertThat(ShellWords.structure(command))
			.isEqualTo(ShellWords.structure(ManualCommands.canI("worker-1", "selfnodeclient")));
		assertThat(ShellWords.parse(command)).anyMatch((word) -> word.text().equals("--as=system:node:" + node));
	}

}
