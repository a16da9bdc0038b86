package dev.wtcraft.git;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * A path inside a worktree as git reports it: the raw bytes (names need not be UTF-8) and the text shown to
 * people and matched against patterns (invalid bytes become U+FFFD).
 */
public record GitPath(String text, byte[] raw) {
    public static GitPath of(byte[] raw) {
        return new GitPath(new String(raw, StandardCharsets.UTF_8), raw);
    }

    public static GitPath of(String text) {
        return new GitPath(text, text.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the raw name is valid UTF-8, so the JVM's file API can open it by its text. */
    public boolean isUtf8() {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GitPath other && java.util.Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return text;
    }
}
