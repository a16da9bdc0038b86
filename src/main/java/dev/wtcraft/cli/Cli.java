package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.task.Protocol;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Builds the command line and runs it against a context, so tests need no separate process. */
public final class Cli {
    private Cli() {
    }

    public static int run(Path cwd, Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        Context ctx = new Context(cwd.toAbsolutePath().normalize(), env, out, err);
        CommandLine cl = WtcraftCommand.forArgs(new ContextFactory(ctx), args);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, a) -> usageError(ctx, ex, a));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("wtcraft: internal error: " + ex);
            return ExitCodes.FATAL;
        });
        return cl.execute(args);
    }

    /** A usage mistake is a fatal error: one line (or the error object under --json) and exit 1. */
    private static int usageError(Context ctx, CommandLine.ParameterException ex, String[] args) {
        String command = ex.getCommandLine().getCommandName();
        String message = ex.getMessage();
        String unknown = unknownCommand(ex);
        if (unknown != null) {
            var known = ex.getCommandLine().getSubcommands().entrySet().stream()
                    .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
            message = "unknown command '" + unknown + "'" + dev.wtcraft.model.Names.suggestion(unknown, known);
        }
        if (Arrays.asList(args).contains("--json")) {
            ctx.out().println(JsonText.write(Protocol.error(command, ExitCodes.FATAL, message)));
        } else {
            String qualified = ex.getCommandLine().getCommandSpec().qualifiedName();
            ctx.err().println(qualified + ": " + message + " (see '" + qualified + " --help')");
        }
        return ExitCodes.FATAL;
    }

    /** The word a user meant as a command (`wtcraft tset`), or null when the mistake is something else. */
    private static String unknownCommand(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine().getParent() == null
                && !u.getUnmatched().isEmpty() && !ex.getCommandLine().getSubcommands().isEmpty()) {
            String first = u.getUnmatched().get(0);
            return first.startsWith("-") ? null : first;
        }
        return null;
    }

    /** Hands each command the context it runs in. */
    private record ContextFactory(Context ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = CommandLine.defaultFactory().create(cls);
            if (instance instanceof BaseCommand command) {
                command.ctx = ctx;
            }
            return instance;
        }
    }
}
