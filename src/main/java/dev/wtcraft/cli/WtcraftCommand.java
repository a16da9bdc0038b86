package dev.wtcraft.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level `wtcraft` command: lists the subcommands. */
@Command(name = "wtcraft",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Boundaries, a ledger and sign-off for coding agents working in git worktrees.",
        footer = {"", "Exit codes: 0 ok, 1 fatal error, 2 check found violations, 3 verification failed, 4 an engine failed, "
                + "5 a reviewer requested changes, 6 finish: not ready, 7 finish: conflicts, 8 doctor: no sandbox can start, "
                + "9 a task's setup failed, 130 interrupted. 'wtcraft help COMMAND' shows a command's help."},
        subcommands = {
                InitCommand.class, NewCommand.class, StateCommand.class, CheckCommand.class,
                VerifyCommand.class, StatusCommand.class, CapabilitiesCommand.class, RunCommand.class,
                PlanCommand.class, RunsCommand.class, ShowCommand.class, DiffCommand.class, DemoCommand.class, CleanCommand.class,
                ReviewCommand.class, FinishCommand.class, ReportCommand.class, TraceCommand.class, ExportCommand.class, CiCommand.class, LedgerCommand.class, IdeCommand.class, ShellCommand.class,
                LibCommand.class, DoctorCommand.class,
                InitCiCommand.class, PolicyCommand.class, UnpatchCommand.class, MigrateCommand.class,
                CdsTrainingCommand.class, McpCommand.class, HelpCommand.class,
                AutoComplete.GenerateCompletion.class
        })
public final class WtcraftCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
