package dev.wtcraft.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 accumulator for the tool's own digests (spec digest, snapshot). */
public final class Sha256 {
    private final MessageDigest md;

    public Sha256() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds one line of text, terminated so that "a","bc" and "ab","c" differ. */
    public Sha256 line(String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        return this;
    }

    public Sha256 bytes(byte[] data) {
        md.update(data);
        return this;
    }

    public Sha256 bytes(byte[] data, int off, int len) {
        md.update(data, off, len);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(md.digest());
    }
}
