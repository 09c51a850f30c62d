package io.kubeletdoctor.notify;

/** Length limits of chat formats: cut text at a limit with an ellipsis rather than be rejected. */
final class Texts {

	private Texts() {
	}

	static String truncate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
