package io.kubeletdoctor.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A generated credential kept in an owner-only file under the data directory, so it survives
 * restarts and can be read without appearing in logs; and a comparison that hashes both sides
 * first, so neither content nor length leaks through timing.
 */
public final class StoredToken {

	private StoredToken() {
	}

	/** The token an earlier start wrote to {@code file}, or a new random one written there now. */
	public static String readOrGenerate(Path file) {
		try {
			if (Files.isRegularFile(file)) {
				String existing = Files.readString(file).trim();
				if (!existing.isEmpty()) {
					return existing;
				}
			}
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			Files.createDirectories(file.getParent());
			Files.writeString(file, token + "\n");
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the file keeps the default permissions
			}
			return token;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the generated token to " + file, ex);
		}
	}

	/** Constant-time equality of two secrets of any length. */
	public static boolean same(String given, String expected) {
		return MessageDigest.isEqual(sha256(given), sha256(expected));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
