package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.GateWorkflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init-ci", mixinStandardHelpOptions = true,
        description = {"Install the merge-time gate: a workflow that judges each pull request against its task's approved policy.",
                "The pull_request_target workflow runs the evaluator it installs from the trusted base checkout, on each pull request's diff and its task's policy envelope (wtcraft policy approve).",
                "It prints the repository-administration steps that make the gate binding."})
final class InitCiCommand extends BaseCommand {
    @Option(names = "--force", description = "Replace a workflow or evaluator that was changed by hand.")
    boolean force;

    @Override
    int execute() {
        var root = layout().root();
        GateWorkflow.install(root, force).forEach((path, state) -> {
            switch (state) {
                case WRITTEN -> ctx.out().println("wrote " + path);
                case REPLACED -> ctx.out().println("replaced " + path + " (it had been changed)");
                case UP_TO_DATE -> ctx.out().println("up to date: " + path);
                case DRIFTED -> ctx.err().println("kept " + path + ": it differs from this version's copy"
                        + " ('wtcraft init-ci --force' replaces it)");
                case MISSING -> { }
            }
        });
        ctx.out().println();
        ctx.out().println("The gate binds only once a repository administrator has done these (they cannot be scripted here):");
        int n = 1;
        for (String step : GateWorkflow.adminSteps()) {
            ctx.out().println("  " + n++ + ". " + step);
        }
        return ExitCodes.OK;
    }
}
