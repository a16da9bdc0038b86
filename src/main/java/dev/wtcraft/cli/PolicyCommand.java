package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.task.PolicyEnvelope;
import dev.wtcraft.task.PolicyStore;
import dev.wtcraft.task.WorktreeResolver;
import dev.wtcraft.model.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Manage the merge gate's policy envelopes, kept on " + PolicyEnvelope.REF + ".",
        subcommands = PolicyCommand.Approve.class)
final class PolicyCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approve a task for the merge gate: commit its policy envelope to " + PolicyEnvelope.REF + ".",
                    "The envelope holds the task, branch, base commit, Scope, Off-limits, Verification and until when it is valid. Push that ref to publish it."})
    static final class Approve extends BaseCommand {
        @Parameters(paramLabel = "<task>", description = "The task's worktree: a path, <type>/<name>, a branch, or a directory name.")
        String task;

        @Option(names = "--valid-for", paramLabel = "DURATION", description = "How long the approval holds (default: 7d).")
        String validFor = "7d";

        @Override
        int execute() {
            var wt = WorktreeResolver.resolve(layout(), ctx.cwd(), task);
            var duration = Durations.parse(validFor);
            if (duration == null) {
                throw WtcraftException.fatal("--valid-for: '" + validFor + "' is not a duration (like 7d, 12h or 30m)");
            }
            var approved = PolicyStore.approve(wt, duration, Instant.now());
            var e = approved.envelope();
            ctx.out().println("approved " + e.taskId() + " (branch " + e.headRef() + ", base " + e.baseSha()
                    + ") until " + e.validUntil() + " in " + PolicyEnvelope.REF + " at " + approved.commit());
            ctx.out().println("next: git push origin " + PolicyEnvelope.REF);
            return ExitCodes.OK;
        }
    }
}
