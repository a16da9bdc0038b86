package dev.wtcraft.cli;

import java.nio.file.Path;

/** The process entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(Path.of("").toAbsolutePath(), System.getenv(), System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }
}
