package io.kubeletdoctor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile: comments dropped, continuation lines joined. */
record Dockerfile(List<Instruction> instructions) {

	private static final Pattern BUILD_ARGUMENT = Pattern.compile("\\$\\{(\\w+)}");

	static Dockerfile load(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : lines) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			String joined = current.toString().strip();
			current.setLength(0);
			int space = joined.indexOf(' ');
			String keyword = joined.substring(0, space).toUpperCase();
			instructions.add(new Instruction(keyword, joined.substring(space + 1).strip()));
		}
		return new Dockerfile(List.copyOf(instructions));
	}

	List<String> arguments(String keyword) {
		return this.instructions.stream()
			.filter((instruction) -> instruction.keyword().equals(keyword))
			.map(Instruction::arguments)
			.toList();
	}

	/**
	 * The FROM arguments as a build without {@code --build-arg} sees them: the build arguments
	 * declared before the first FROM replaced by their defaults.
	 */
	List<String> defaultFrom() {
		Map<String, String> defaults = new HashMap<>();
		for (Instruction instruction : this.instructions) {
			if (instruction.keyword().equals("FROM")) {
				break;
			}
			if (instruction.keyword().equals("ARG")) {
				String[] nameAndDefault = instruction.arguments().split("=", 2);
				defaults.put(nameAndDefault[0], (nameAndDefault.length > 1) ? nameAndDefault[1] : "");
			}
		}
		return arguments("FROM").stream().map((from) -> {
			Matcher reference = BUILD_ARGUMENT.matcher(from);
			StringBuilder resolved = new StringBuilder();
			while (reference.find()) {
				reference.appendReplacement(resolved, Matcher.quoteReplacement(defaults.get(reference.group(1))));
			}
			return reference.appendTail(resolved).toString();
		}).toList();
	}

	/** The instructions after the last FROM: what the final image is made of. */
	Dockerfile finalStage() {
		int last = 0;
		for (int i = 0; i < this.instructions.size(); i++) {
			if (this.instructions.get(i).keyword().equals("FROM")) {
				last = i;
			}
		}
		return new Dockerfile(this.instructions.subList(last, this.instructions.size()));
	}

	record Instruction(String keyword, String arguments) {
	}

}
