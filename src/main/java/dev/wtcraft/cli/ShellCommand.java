package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Open a JShell session in this process with wtcraft's API imported (dev.wtcraft.shell.Wtcraft).",
                "The API has recipe(), tasks(), run(...), ledger(), check(...) and status(); they return the model's and the ledger's records.",
                "--script FILE runs a script and exits with its exit code (/exit N; 0 when it ends without one)."})
final class ShellCommand extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "RECIPE", description = "A recipe to load first (default: none; recipe() loads wtcraft.groovy).")
    String recipe;

    @Option(names = "--script", paramLabel = "FILE", description = "Run this JShell script instead of a session.")
    Path script;

    @Override
    int execute() {
        Path root = layout().root();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("wtcraft-shell-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            StringBuilder startup = new StringBuilder()
                    .append("import static dev.wtcraft.shell.Wtcraft.*;\n")
                    .append("import dev.wtcraft.model.*;\n")
                    .append("import dev.wtcraft.report.RunData;\n")
                    .append("open(\"").append(escape(root.toString())).append("\");\n");
            if (recipe != null) {
                startup.append("recipe(\"").append(escape(ctx.cwd().resolve(recipe).normalize().toString())).append("\");\n");
            }
            Path startupFile = scratch.resolve("startup.jsh");
            AtomicFiles.write(startupFile, startup.toString());
            List<String> args = new ArrayList<>(List.of("--class-path", jar(), "--execution", "local",
                    "--startup", "DEFAULT", "--startup", startupFile.toString()));
            if (script != null) {
                args.addAll(List.of("--feedback", "silent"));
                Path file = ctx.cwd().resolve(script).normalize();
                if (!Files.isRegularFile(file)) {
                    throw WtcraftException.fatal("script not found: " + file);
                }
                Path exit = scratch.resolve("exit.jsh");
                AtomicFiles.write(exit, "/exit 0\n");
                args.add(file.toString());
                args.add(exit.toString());
            }
            // the session's settings stay in memory: nothing is written to the user's Java preferences
            FailureWatch err = new FailureWatch(ctx.err());
            int code = JavaShellToolBuilder.builder().out(ctx.out(), ctx.out(), ctx.out()).err(err.stream(), err.stream())
                    .persistence(new java.util.HashMap<>()).start(args.toArray(String[]::new));
            if (script != null && code == 0 && err.failed()) {
                ctx.err().println("wtcraft shell: " + script + " failed: a snippet threw or did not compile (see above)");
                return ExitCodes.FATAL;
            }
            return code;
        } catch (WtcraftException e) {
            throw e;
        } catch (Exception e) {
            throw WtcraftException.fatal("the JShell session failed: " + e.getMessage());
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * JShell goes on after a snippet that throws or does not compile, and ends the script with its own exit code;
     * what it prints about such a snippet (`Exception ...`, `Error:`) is how a script's failure is seen.
     */
    private static final class FailureWatch {
        private final java.io.PrintStream target;
        private volatile boolean failed;
        private final StringBuilder line = new StringBuilder();

        FailureWatch(java.io.PrintStream target) {
            this.target = target;
        }

        java.io.PrintStream stream() {
            return new java.io.PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    target.write(b);
                    if (b == '\n') {
                        String l = line.toString().replaceFirst("^\\|\\s*", "");
                        failed |= l.startsWith("Exception ") || l.startsWith("Error:");
                        line.setLength(0);
                    } else if (line.length() < 200) {
                        line.append((char) b);
                    }
                }

                @Override
                public void flush() {
                    target.flush();
                }
            }, true, java.nio.charset.StandardCharsets.UTF_8);
        }

        boolean failed() {
            return failed;
        }
    }

    /** Where the wtcraft classes are, for the session's class path (the jar, or the build's class directories). */
    private static String jar() {
        try {
            List<String> parts = new ArrayList<>();
            parts.add(Path.of(ShellCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            String own = System.getProperty("java.class.path", "");
            if (!own.isEmpty()) {
                parts.add(own);
            }
            return String.join(java.io.File.pathSeparator, parts);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
