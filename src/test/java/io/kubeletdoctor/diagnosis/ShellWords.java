package io.kubeletdoctor.diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a command line the way a POSIX shell splits it, without running anything: into words
 * (quotes removed) and operators ({@code | && ; > ( newline}...). A word remembers whether any of
 * it is open to expansion or substitution ({@code $}, a backquote, {@code * ? [ {}, a leading
 * {@code ~}), since a quoted value must never be.
 */
public final class ShellWords {

	private static final String OPERATOR_CHARACTERS = "|&;<>()";

	private final List<Token> tokens = new ArrayList<>();

	private final StringBuilder word = new StringBuilder();

	private boolean inWord;

	private boolean expands;

	private ShellWords() {
	}

	public static List<Token> parse(String command) {
		ShellWords parser = new ShellWords();
		parser.scan(command);
		return List.copyOf(parser.tokens);
	}

	/** The tokens with each word's text left out: what a command does, whatever its values. */
	public static List<String> structure(String command) {
		return parse(command).stream().map(Token::shape).toList();
	}

	private void scan(String command) {
		int i = 0;
		while (i < command.length()) {
			char c = command.charAt(i);
			if (c == '\'') {
				int end = command.indexOf('\'', i + 1);
				if (end < 0) {
					throw new IllegalArgumentException("Unterminated single quote in: " + command);
				}
				append(command.substring(i + 1, end));
				i = end + 1;
			}
			else if (c == '"') {
				i = doubleQuoted(command, i + 1);
			}
			else if (c == '\\') {
				if (i + 1 < command.length() && command.charAt(i + 1) != '\n') {
					append(String.valueOf(command.charAt(i + 1)));
				}
				i += 2;
			}
			else if (c == ' ' || c == '\t') {
				endWord();
				i++;
			}
			else if (c == '\n') {
				endWord();
				this.tokens.add(Token.operator("\n"));
				i++;
			}
			else if (c == '#' && !this.inWord) {
				this.tokens.add(Token.operator("#"));
				return;
			}
			else if (OPERATOR_CHARACTERS.indexOf(c) >= 0) {
				endWord();
				int end = i;
				while (end < command.length() && OPERATOR_CHARACTERS.indexOf(command.charAt(end)) >= 0) {
					end++;
				}
				this.tokens.add(Token.operator(command.substring(i, end)));
				i = end;
			}
			else {
				if (c == '$' || c == '`' || c == '*' || c == '?' || c == '[' || c == '{'
						|| (c == '~' && !this.inWord)) {
					this.expands = true;
				}
				append(String.valueOf(c));
				i++;
			}
		}
		endWord();
	}

	/** Inside double quotes only {@code $}, a backquote and some backslashes keep a meaning. */
	private int doubleQuoted(String command, int start) {
		int i = start;
		StringBuilder text = new StringBuilder();
		while (i < command.length()) {
			char c = command.charAt(i);
			if (c == '"') {
				append(text.toString());
				return i + 1;
			}
			if (c == '\\' && i + 1 < command.length() && "$`\"\\\n".indexOf(command.charAt(i + 1)) >= 0) {
				text.append(command.charAt(i + 1));
				i += 2;
				continue;
			}
			if (c == '$' || c == '`') {
				this.expands = true;
			}
			text.append(c);
			i++;
		}
		throw new IllegalArgumentException("Unterminated double quote in: " + command);
	}

	private void append(String text) {
		this.word.append(text);
		this.inWord = true;
	}

	private void endWord() {
		if (this.inWord) {
			this.tokens.add(new Token(false, this.word.toString(), this.expands));
		}
		this.word.setLength(0);
		this.inWord = false;
		this.expands = false;
	}

	/** A word (its text after quote removal) or an operator. */
	public record Token(boolean operator, String text, boolean expands) {

		static Token operator(String text) {
			return new Token(true, text, false);
		}

		String shape() {
			return this.operator ? this.text : (this.expands ? "WORD*" : "WORD");
		}

	}

}
