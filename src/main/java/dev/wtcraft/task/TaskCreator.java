package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.ContractParser;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.StateCodec;
import dev.wtcraft.contract.TaskContract;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.History;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.model.Names;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `new`: a worktree on a new branch from a resolved base, with its contract, state file and spec digest. */
public final class TaskCreator {
    private TaskCreator() {
    }

    /** What the contract starts with; empty lists leave the section empty for the user to fill. */
    public record Spec(String name, String base, String objective, List<String> scope, List<String> offLimits,
                       List<String> verification, String priority, String agent, List<String> dependencies,
                       String context, java.util.Map<String, List<String>> sections) {
        public Spec(String name, String base, String objective, List<String> scope, List<String> offLimits,
                    List<String> verification, String priority, String agent, List<String> dependencies, String context) {
            this(name, base, objective, scope, offLimits, verification, priority, agent, dependencies, context, java.util.Map.of());
        }

        /** What `wtcraft new` fills in from its options. */
        public static Spec of(String name, String base, String objective, List<String> scope, List<String> offLimits,
                              List<String> verification, String priority, String agent) {
            return new Spec(name, base, objective, scope, offLimits, verification, priority, agent, List.of(), null);
        }
    }

    /** @param planned the planned contract taken from the main checkout's root, if there was one */
    public record Created(TaskWorktree worktree, String base, TaskContract contract, Path planned) {
    }

    public static Created create(RepoLayout layout, Spec spec, Map<String, String> env, PrintStream warnings) {
        return create(layout, spec, env, warnings, null);
    }

    /**
     * `wtcraft new`: as {@link #create}, except that a contract planned in the main checkout's root is taken into
     * the new worktree (and removed from the root), as the original tool does.
     */
    public static Created createNew(RepoLayout layout, Spec spec, boolean optionsGiven, Map<String, String> env,
                                    PrintStream warnings) {
        var planned = PlannedContract.find(layout.root());
        if (planned.isPresent() && optionsGiven) {
            throw WtcraftException.fatal("a planned contract is waiting at " + planned.get().file()
                    + ": run 'wtcraft new " + spec.name() + "' without --scope, --off-limits and --verify to take it, or move it away");
        }
        Created created = create(layout, spec, env, warnings, planned.orElse(null));
        planned.ifPresent(PlannedContract::remove);
        return created;
    }

    private static Created create(RepoLayout layout, Spec spec, Map<String, String> env, PrintStream warnings,
                                  PlannedContract planned) {
        String name = validateName(spec.name());
        Path root = layout.root();
        Path path = layout.worktreesDir().resolve(name);
        String base;
        String baseCommit;
        try (History history = History.open(root)) {
            if (history.head().isEmpty()) {
                throw WtcraftException.fatal("repository has no commits: " + root + " (make a first commit)");
            }
            if (Files.exists(path)) {
                throw WtcraftException.fatal("worktree path already exists: " + path);
            }
            if (history.hasRef("refs/heads/" + name)) {
                throw WtcraftException.fatal("branch already exists: " + name);
            }
            base = resolveBase(history, spec.base(), env.get("WTCRAFT_BASE_BRANCH"));
            baseCommit = history.resolveCommit(base).orElseThrow(() -> WtcraftException.fatal("unknown base: " + base));
        }
        var added = new GitCli(root).run("worktree", "add", "--quiet", "--no-track", "-b", name,
                path.toString(), base);
        if (!added.ok()) {
            throw WtcraftException.fatal("git worktree add failed: " + added.stderr().strip());
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String text = planned == null ? render(name, base, spec, today) : planned.textFor(name, base, today);
        TaskContract contract;
        try {
            // what counts as build output is the base's to say, recorded where the engine cannot write
            WorkingTree.recordIgnoreRules(path, baseCommit);
            AtomicFiles.write(path.resolve(TaskFiles.TASK_FILE), text);
            contract = ContractParser.parse(path.resolve(TaskFiles.TASK_FILE), text);
            TaskState state = TaskState.planned(name, spec.agent(), Instant.now());
            StateCodec.write(path.resolve(TaskFiles.STATE_FILE), planned == null ? state : planned.lifecycle(state));
            SpecDigest.store(path, SpecDigest.of(contract));
            dev.wtcraft.contract.SignOff.update(layout, name, s -> dev.wtcraft.contract.SignOff.planned(null, base, false));
        } catch (RuntimeException e) {
            // no half-made task: the worktree and its branch go with the failure
            quietlyRemove(root, path);
            new GitCli(root).run("branch", "-D", name);
            throw e;
        }
        if (!new GitCli(path).succeeds("check-ignore", "-q", TaskFiles.TASK_FILE)) {
            warnings.println("warning: " + TaskFiles.TASK_FILE + " is not ignored in " + path
                    + "; run 'wtcraft init' and commit .gitignore, or 'wtcraft init --local'");
        }
        RepoLayout after = RepoLayout.locate(root);
        TaskWorktree wt = WorktreeResolver.resolve(after, root, path.toString());
        return new Created(wt, base, contract, planned == null ? null : planned.file());
    }

    static String validateName(String name) {
        Names.taskNameProblem(name).ifPresent(problem -> {
            throw WtcraftException.fatal(problem);
        });
        return name;
    }

    /** --base, then WTCRAFT_BASE_BRANCH, then origin/HEAD, then main, master, develop, then the current branch. */
    public static String resolveBase(History history, String explicit, String fromEnv) {
        for (String candidate : new String[] {explicit, fromEnv}) {
            if (candidate != null && !candidate.isBlank()) {
                if (history.resolveCommit(candidate).isEmpty()) {
                    throw WtcraftException.fatal("unknown base: " + candidate);
                }
                return candidate;
            }
        }
        Optional<String> originHead = history.symbolicTarget("refs/remotes/origin/HEAD");
        if (originHead.isPresent() && history.resolveCommit(originHead.get()).isPresent()) {
            return originHead.get().substring("refs/remotes/".length());
        }
        for (String local : List.of("main", "master", "develop")) {
            if (history.hasRef("refs/heads/" + local)) {
                return local;
            }
        }
        Optional<String> current = history.symbolicTarget("HEAD");
        if (current.isPresent() && current.get().startsWith("refs/heads/")) {
            return current.get().substring("refs/heads/".length());
        }
        return history.head().orElseThrow();
    }

    public static String render(String name, String base, Spec spec, LocalDate today) {
        StringBuilder md = new StringBuilder();
        md.append("---\n")
                .append("task_id: ").append(name).append('\n')
                .append("branch: ").append(name).append('\n')
                .append("created: ").append(today).append('\n')
                .append("priority: ").append(spec.priority() == null ? "medium" : spec.priority()).append('\n')
                .append("base: ").append(base).append('\n')
                .append("state_file: ").append(TaskFiles.STATE_FILE).append('\n')
                .append("---\n\n");
        md.append("## Objective\n\n");
        if (spec.objective() != null && !spec.objective().isBlank()) {
            md.append(spec.objective().strip()).append("\n\n");
        }
        section(md, "Scope", spec.scope(), "- ");
        md.append("## Steps\n\n")
                .append("- [ ] Read this contract and the files in Scope.\n")
                .append("- [ ] Make the change, touching only files in Scope and nothing Off-limits.\n")
                .append("- [ ] Run the Verification commands and fix what fails.\n\n");
        section(md, "Off-limits", spec.offLimits(), "- ");
        md.append("## Context\n\n");
        if (spec.context() != null && !spec.context().isBlank()) {
            md.append(spec.context().strip()).append("\n\n");
        }
        md.append("## Acceptance criteria\n\n");
        section(md, "Dependencies", spec.dependencies(), "- ");
        // a run's task without verify steps has none here either: its contract says what the run will do
        section(md, "Verification", spec.verification(), "- [ ] ");
        // after Verification, where no parser of the original format looks: the run's boundary, for the agent to read
        spec.sections().forEach((title, lines) -> section(md, title, lines, "- "));
        return md.toString();
    }

    private static void section(StringBuilder md, String title, List<String> items, String bullet) {
        md.append("## ").append(title).append("\n\n");
        for (String item : items) {
            md.append(bullet).append(item).append('\n');
        }
        if (!items.isEmpty()) {
            md.append('\n');
        }
    }

    /** Removes a task's worktree and branch, if they exist (a task restarted on resume starts clean). */
    public static void removeTask(RepoLayout layout, String name) {
        Path path = layout.worktreesDir().resolve(name);
        GitCli git = new GitCli(layout.root());
        if (Files.exists(path)) {
            quietlyRemove(layout.root(), path);
        }
        git.run("worktree", "prune");
        git.run("branch", "-D", name);
    }

    /** Removes a half-created worktree; used when a later step fails. */
    static void quietlyRemove(Path root, Path path) {
        new GitCli(root).run("worktree", "remove", "--force", path.toString());
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more to clean
        }
    }
}
