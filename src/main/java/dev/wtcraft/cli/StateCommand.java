package dev.wtcraft.cli;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.task.StateService;
import dev.wtcraft.task.WorktreeResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "state", mixinStandardHelpOptions = true,
        description = "Change a task's stage, role, agent, attempt or handoff (legal stage edges only, unless --force).")
final class StateCommand extends JsonCommand {
    @Parameters(paramLabel = "<wt>", description = "The worktree: a path, <type>/<name>, a branch, or a directory name.")
    String worktree;

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "planned, executing, verifying, replan, approved, finishing or done.")
    String stage;

    @Option(names = "--role", paramLabel = "ROLE", description = "planner, executor, verifier, finisher or none.")
    String role;

    @Option(names = "--agent", paramLabel = "NAME", description = "The agent working on the task now (recorded in the state file).")
    String agent;

    @Option(names = "--attempt", paramLabel = "N", description = "The attempt the task is on (0 or more).")
    Integer attempt;

    @Option(names = "--handoff-from", paramLabel = "NAME", description = "The agent handing the task over.")
    String handoffFrom;

    @Option(names = "--handoff-to", paramLabel = "NAME", description = "The agent the task is handed to.")
    String handoffTo;

    @Option(names = "--force", description = "Allow a stage change the state machine does not.")
    boolean force;

    @Override
    int execute() {
        var wt = WorktreeResolver.resolve(layout(), ctx.cwd(), worktree);
        var task = StateService.apply(wt, new StateService.Change(stage, role, agent, attempt, handoffFrom,
                handoffTo, force), ctx.err());
        if (json) {
            printJson(StateService.toDocument(task));
        } else {
            var s = task.state();
            ctx.out().println(s.taskId() + ": stage " + s.stage().wire() + ", role " + s.role().wire()
                    + ", agent " + (s.agent() == null ? "-" : s.agent()) + ", attempt " + s.attempt());
        }
        return ExitCodes.OK;
    }
}
