package io.faltung.data.mnist;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 digest that hands out lower-case hex. */
final class Sha256 {
    private final MessageDigest digest;

    Sha256() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** The underlying digest (for {@link java.security.DigestInputStream}). */
    MessageDigest digest() {
        return digest;
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    /** The digest of everything seen so far, as 64 lower-case hex digits. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
