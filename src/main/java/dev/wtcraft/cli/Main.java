package dev.wtcraft.cli;

import java.nio.file.Path;

/** The process entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli would print, without loading it: the command line is not needed to say this
            System.out.println(Version.line());
            return;
        }
        int code = Cli.run(Path.of("").toAbsolutePath(), System.getenv(), System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }
}
