package io.kubeletdoctor.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a webhook body as UTF-8, the only encoding Alertmanager writes, refusing malformed and
 * overlong sequences and encoded surrogates instead of replacing them: a body stored with U+FFFD in
 * place of what was sent would lose what the sender meant.
 */
final class StrictUtf8 {

	private StrictUtf8() {
	}

	static String decode(byte[] body) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(body);
		CharBuffer out = CharBuffer.allocate(body.length);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			throw new InvalidPayloadException("$", "The body is not valid UTF-8 (byte " + in.position() + ")");
		}
		return out.flip().toString();
	}

}
