package dev.wtcraft.run;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.History;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.model.EngineKind;
import dev.wtcraft.model.EngineSpec;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.plan.RecipeException;
import dev.wtcraft.task.TaskCreator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a run settles before it creates anything: the base, each task's engine, and what cannot run. */
public final class RunPreflight {
    private RunPreflight() {
    }

    /** The base a task without dependencies starts from: the recipe's, else the same order as `wtcraft new`. */
    public static String defaultBase(RepoLayout layout, Plan plan, Map<String, String> env) {
        try (History history = History.open(layout.root())) {
            if (history.head().isEmpty()) {
                throw WtcraftException.fatal("repository has no commits: " + layout.root() + " (make a first commit)");
            }
            return TaskCreator.resolveBase(history, plan.recipe().defaults().base(), env.get("WTCRAFT_BASE_BRANCH"));
        }
    }

    /**
     * Refuses a task whose own `base` names nothing in this repository, at the recipe line that names it: `plan`
     * says so too, and a run creates nothing.
     */
    public static void requireBases(RepoLayout layout, Plan plan) {
        try (History history = History.open(layout.root())) {
            for (TaskDef t : plan.order()) {
                if (t.base() != null && history.resolveCommit(t.base()).isEmpty()) {
                    throw new RecipeException(t.locationOf("base"), "task '" + t.name() + "' starts from base '"
                            + t.base() + "', which is no branch, tag or commit of this repository (create it, or"
                            + " name one that exists)");
                }
            }
        }
    }

    /** Refuses, before anything is created, what cannot run: an agent CLI that is not installed, leftover worktrees. */
    public static void check(RepoLayout layout, Plan plan, Map<String, String> env) {
        check(layout, plan, env, java.util.Set.of());
    }

    /** @param own tasks of the run being resumed: their worktrees are its own, not leftovers */
    static void check(RepoLayout layout, Plan plan, Map<String, String> env, java.util.Set<String> own) {
        requireBases(layout, plan);
        for (TaskDef t : plan.order()) {
            var task = plan.effective(t);
            requireCli(task.engine(), t.locationOf("engine"), env);
            if (task.review() != null) {
                requireCli(task.reviewer(), task.review().location(), env);
            }
        }
        requireReplayBases(layout, plan, env);
        TaskLeases leases = new TaskLeases(layout.root());
        for (TaskDef t : plan.order()) {
            var holder = leases.read(t.name()).filter(TaskLeases.Holder::alive);
            if (holder.isPresent()) {
                throw WtcraftException.fatal("task " + t.name() + " is being run by " + holder.get()
                        + "; wait for it to finish, or stop that process (its worktree is in use: leave it be)");
            }
        }
        List<String> leftovers = new ArrayList<>();
        try (History history = History.open(layout.root())) {
            java.util.Set<String> branches = history.branches();
            for (TaskDef t : plan.order()) {
                Path path = layout.worktreesDir().resolve(t.name());
                if (!own.contains(t.name()) && (Files.exists(path) || branches.contains(t.name()))) {
                    leftovers.add(t.name());
                }
            }
        }
        if (!leftovers.isEmpty()) {
            String first = leftovers.get(0);
            throw WtcraftException.fatal("task worktrees or branches from an earlier run exist: "
                    + String.join(", ", leftovers) + " (continue that run with wtcraft run --resume, land them with"
                    + " wtcraft finish --all, or remove them, e.g. git worktree remove --force worktrees/" + first
                    + " && git branch -D " + first + ")");
        }
    }

    /**
     * Refuses a replayed bundle whose change does not start from what its task's base holds, at the recipe line of
     * its engine (a task after others starts from their work, so its bundle is checked when it runs).
     */
    static void requireReplayBases(RepoLayout layout, Plan plan, Map<String, String> env) {
        for (TaskDef t : plan.order()) {
            EngineSpec spec = plan.effective(t).engine();
            if (spec == null || spec.replay() == null || !spec.replay().bundle() || !t.dependsOn().isEmpty()) {
                continue;
            }
            String base = t.base() != null ? t.base() : defaultBase(layout, plan, env);
            dev.wtcraft.engine.ReplayBundle bundle;
            try {
                bundle = dev.wtcraft.engine.ReplayBundle.of(spec.replay());
            } catch (RecipeException e) {
                throw e;
            } catch (WtcraftException e) {
                throw new RecipeException(spec.location(), e.getMessage());
            }
            String commit;
            try (History history = History.open(layout.root())) {
                commit = history.resolveCommit(base).orElse(null);
            }
            if (commit == null) {
                continue;
            }
            var mismatch = bundle.baseMismatch(new dev.wtcraft.git.GitCli(layout.root()), commit);
            if (mismatch.isPresent()) {
                throw new RecipeException(spec.location(), "the replay of engine '"
                        + spec.name() + "' (task '" + t.name() + "') does not start from the task's base " + base
                        + ": " + mismatch.get() + "; start the task from the commit it was recorded on (base '"
                        + bundle.manifest().baseCommit() + "'), or export it again from a run on this base");
            }
        }
    }

    /**
     * Registers the value of every variable a task declares `secret`, so that no file or line this process writes
     * carries it; a secret that is not set is refused before anything is created.
     */
    public static void registerSecrets(Plan plan, Map<String, String> env) {
        for (TaskDef t : plan.order()) {
            var environment = t.environmentOr(plan.recipe().defaults().environment());
            if (environment == null) {
                continue;
            }
            for (String name : environment.secrets()) {
                String value = env.get(name);
                if (value == null) {
                    throw new dev.wtcraft.plan.RecipeException(t.locationOf("environment"), "task '" + t.name()
                            + "' needs the secret " + name + ", which is not set: export it before the run");
                }
                dev.wtcraft.ledger.Redaction.secret(name, value);
            }
        }
    }

    /**
     * Refuses, before anything is created, a task that asks for a sandbox this machine cannot start, unless the
     * task said `required false` or the run was started with --no-sandbox.
     */
    public static void requireSandbox(Plan plan, boolean noSandbox) {
        if (noSandbox) {
            return;
        }
        for (TaskDef t : plan.order()) {
            var sandbox = t.sandboxOr(plan.recipe().defaults().sandbox());
            if (sandbox == null || !sandbox.required()) {
                continue;
            }
            var probe = dev.wtcraft.process.Bubblewrap.probe();
            if (!probe.available()) {
                throw new dev.wtcraft.plan.RecipeException(t.locationOf("sandbox"), "task '" + t.name()
                        + "' asks for a sandbox, but " + probe.reason() + ": install bubblewrap, run with --no-sandbox,"
                        + " or write 'required false' in its sandbox block to run it without one");
            }
            return; // one probe answers for every task
        }
    }

    /**
     * Refuses an agent engine whose CLI is not installed: at the recipe line that asked for it, or, for an engine
     * named on the command line ({@code where} null), as a plain fatal error.
     */
    public static void requireCli(EngineSpec spec, dev.wtcraft.model.SourceLocation where, Map<String, String> env) {
        if (spec == null || !spec.kind().agent()) {
            return;
        }
        String binary = spec.binary() != null ? spec.binary() : spec.kind().wire();
        String path = spec.env().getOrDefault("PATH", env.getOrDefault("PATH", ""));
        if (!onPath(binary, path)) {
            String message = "engine '" + spec.name() + "' needs the "
                    + spec.kind().wire() + " CLI, and '" + binary + "' is not " + (binary.contains("/")
                    ? "an executable file" : "on PATH") + " (install it, e.g. " + INSTALL.get(spec.kind())
                    + ", or name it with binary '/path/to/" + spec.kind().wire() + "')";
            throw where == null ? WtcraftException.fatal(message) : new RecipeException(where, message);
        }
    }

    private static final Map<EngineKind, String> INSTALL = Map.of(
            EngineKind.CODEX, "npm install -g @openai/codex",
            EngineKind.CLAUDE, "npm install -g @anthropic-ai/claude-code",
            EngineKind.GEMINI, "npm install -g @google/gemini-cli");

    public static boolean onPath(String binary, String path) {
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary));
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

}
