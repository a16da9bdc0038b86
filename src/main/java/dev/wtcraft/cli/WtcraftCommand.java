package dev.wtcraft.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/** The top-level `wtcraft` command: lists the subcommands. */
@Command(name = "wtcraft",
        mixinStandardHelpOptions = true,
        versionProvider = Version.Provider.class,
        description = "Boundaries, a ledger and sign-off for coding agents working in git worktrees.",
        footer = {"", "Exit codes: 0 ok, 1 fatal error, 2 check found violations, 3 verification failed, 4 an engine failed, "
                + "5 a reviewer requested changes, 6 finish: not ready, 7 finish: conflicts, 8 doctor: no sandbox can start, "
                + "9 a task's setup failed, 10 test: a recipe test failed, 130 interrupted. 'wtcraft help COMMAND' shows a command's help."})
public final class WtcraftCommand implements Runnable {
    /** Every command, in the order `wtcraft --help` lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            InitCommand.class, NewCommand.class, StateCommand.class, CheckCommand.class,
            VerifyCommand.class, StatusCommand.class, CapabilitiesCommand.class, RunCommand.class,
            PlanCommand.class, RunsCommand.class, ShowCommand.class, DiffCommand.class, DemoCommand.class, CleanCommand.class,
            ReviewCommand.class, FinishCommand.class, ReportCommand.class, TraceCommand.class, ExportCommand.class, CiCommand.class,
            LedgerCommand.class,
            IdeCommand.class, ShellCommand.class, LibCommand.class, TestCommand.class, DoctorCommand.class,
            InitCiCommand.class, PolicyCommand.class, UnpatchCommand.class, MigrateCommand.class,
            CdsTrainingCommand.class, McpCommand.class, HelpCommand.class,
            AutoComplete.GenerateCompletion.class);

    @Spec
    CommandSpec spec;

    /** The whole command line: every command and its subcommands. */
    public static CommandLine tree(CommandLine.IFactory factory) {
        CommandLine top = new CommandLine(new WtcraftCommand(), factory);
        for (Class<?> command : COMMANDS) {
            top.addSubcommand(command);
        }
        return top;
    }

    /**
     * The command line for these arguments: when they name a command, the top level and that command alone. picocli
     * reads every option of every command it is given, through reflection, and a short command (`status`, `check`)
     * spent most of its start there. The help, the shell completion script, an unknown word or no command at all get
     * the whole tree.
     */
    static CommandLine forArgs(CommandLine.IFactory factory, String... args) {
        Class<?> named = args.length == 0 || args[0].startsWith("-") ? null : named(args[0]);
        if (named == null || named == HelpCommand.class || named == AutoComplete.GenerateCompletion.class) {
            return tree(factory);
        }
        CommandLine top = new CommandLine(new WtcraftCommand(), factory);
        top.addSubcommand(named);
        return top;
    }

    private static Class<?> named(String word) {
        for (Class<?> command : COMMANDS) {
            Command c = command.getAnnotation(Command.class);
            if (c != null && (c.name().equals(word) || List.of(c.aliases()).contains(word))) {
                return command;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
