package dev.wtcraft.io;

import java.io.Console;
import java.util.Locale;

/** A yes/no question to the person at the terminal, when there is one (never in CI, never with redirected streams). */
public final class Terminal {
    private Terminal() {
    }

    /** Asks; false when nobody can answer. */
    public static boolean confirm(String question) {
        Console c = System.console();
        if (c == null || !isTerminal(c)) {
            return false;
        }
        String answer = c.readLine("%s [y/N] ", question);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
    }

    /** JDK 22 and later hand out a Console for redirected streams too; only a terminal can answer. */
    private static boolean isTerminal(Console c) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 there is a Console only on a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
