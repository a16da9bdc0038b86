package dev.wtcraft.cli;

import dev.wtcraft.io.JsonText;

/** Machine output: one compact JSON document per command, on stdout. */
final class Json {
    private Json() {
    }

    static String write(Object document) {
        return JsonText.write(document);
    }
}
