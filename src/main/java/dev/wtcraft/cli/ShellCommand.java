package dev.wtcraft.cli;

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
        description = {"A JShell session in this process with wtcraft's API imported (dev.wtcraft.shell.Wtcraft): recipe(),",
                "tasks(), run(...), ledger(), check(...), status(). --script FILE runs a script and exits with its",
                "exit code (/exit N; 0 when it ends without one)."})
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
            return JavaShellToolBuilder.builder().out(ctx.out(), ctx.out(), ctx.out()).err(ctx.err(), ctx.err())
                    .persistence(new java.util.HashMap<>()).start(args.toArray(String[]::new));
        } catch (WtcraftException e) {
            throw e;
        } catch (Exception e) {
            throw WtcraftException.fatal("the JShell session failed: " + e.getMessage());
        } finally {
            deleteTree(scratch);
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
