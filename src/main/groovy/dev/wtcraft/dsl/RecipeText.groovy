package dev.wtcraft.dsl

import dev.wtcraft.WtcraftException

import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/**
 * The text of a file a recipe is made of or reads (the recipe, what it includes, a prompt): UTF-8 and no NUL, or
 * one line naming the file, the line and what to do. A NUL cannot reach a process (an argument or variable ends at
 * it), and bytes that are not UTF-8 are a binary file, not a recipe.
 */
final class RecipeText {
    private RecipeText() {
    }

    /** The file's text; {@code what} says what it is ("recipe", "prompt file"), {@code display} how to name it. */
    static String read(Path file, String what, String display) {
        byte[] bytes = Files.readAllBytes(file)
        String text
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString()
        } catch (CharacterCodingException ignored) {
            throw WtcraftException.fatal("${display}:${lineOf(bytes, firstInvalid(bytes))}: the ${what} is not UTF-8 text "
                    + "(a binary file?): save it as UTF-8")
        }
        int nul = text.indexOf('\u0000')
        if (nul >= 0) {
            throw WtcraftException.fatal("${display}:${text.substring(0, nul).count('\n') + 1}: the ${what} holds a NUL byte, "
                    + 'which no command or prompt can carry: remove it')
        }
        text
    }

    /** The same for text built in the recipe (a prompt, a command): no NUL. */
    static String check(String text, String what) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw new DslError("${what} holds a NUL character, which no command or prompt can carry: remove it")
        }
        text
    }

    /** Where the first byte is that does not start a well-formed UTF-8 sequence (for the line named). */
    private static int firstInvalid(byte[] bytes) {
        int i = 0
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF
            int length = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0
            if (length == 0 || i + length > bytes.length) {
                return i
            }
            for (int k = 1; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i
                }
            }
            i += length
        }
        bytes.length
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == (byte) '\n') {
                line++
            }
        }
        line
    }
}
