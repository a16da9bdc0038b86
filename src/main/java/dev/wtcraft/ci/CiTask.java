package dev.wtcraft.ci;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.SignOff;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.History;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.io.Trees;
import dev.wtcraft.ledger.CiRecord;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Plan;
import dev.wtcraft.run.RunReport;
import dev.wtcraft.run.RunService;
import dev.wtcraft.run.TaskResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One task in a CI job of its own, on a fresh clone: what it starts from is fetched ({@link #fetch}), the task runs
 * with its dependencies counted as passed in their own jobs ({@link #run}), and when it passed its branch and its
 * ledger go to `origin` ({@link #push}), where the jobs after it, a re-run of this job and the landing job find them.
 */
public final class CiTask {
    /** On `origin`: a commit whose tree is a task's CI ledger directory. */
    public static final String LEDGER_REF = "refs/wtcraft/ledger/";
    /** Here: `origin`'s branch of the task itself, fetched to decide whether a re-run of its job may keep it. */
    public static final String PUSHED_REF = "refs/wtcraft/pushed/";
    /** `dep=commit dep2=commit`: the commit each dependency's job recorded as its output. */
    public static final String DEPENDENCY_COMMITS = "WTCRAFT_DEPENDENCY_COMMITS";
    /** In a CI ledger directory: the task's contract and state file, as the landing job restores them. */
    public static final String WORKTREE_DIR = "worktree";
    public static final String SIGNOFF_FILE = "signoff.json";

    private CiTask() {
    }

    /** How the job's task ended, and its ledger directory's record. */
    public record Result(int exitCode, CiRecord record, RunReport report) {
    }

    /**
     * `ci fetch TASK DEP...`: each dependency's pushed branch as a local branch of the same name (a dependency
     * without one on `origin` has not passed: refused), and the task's own pushed branch and ledger if an earlier
     * job left them. Returns one line per ref fetched.
     */
    public static List<String> fetch(RepoLayout layout, Map<String, String> env, String task, List<String> dependencies) {
        Remote origin = new Remote(layout.root(), env);
        List<String> wanted = new ArrayList<>();
        dependencies.forEach(d -> wanted.add("refs/heads/" + d));
        wanted.add("refs/heads/" + task);
        wanted.add(LEDGER_REF + task);
        Map<String, String> there = origin.lookup(wanted);
        List<String> specs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String d : dependencies) {
            String commit = there.get("refs/heads/" + d);
            if (commit == null) {
                throw WtcraftException.fatal("task " + task + " depends on " + d + ", which has no branch on origin:"
                        + " its job has not passed (run that job first; the workflow's needs do)");
            }
            specs.add("+refs/heads/" + d + ":refs/heads/" + d);
            lines.add(d + " at " + commit);
        }
        if (there.containsKey("refs/heads/" + task) && there.containsKey(LEDGER_REF + task)) {
            specs.add("+refs/heads/" + task + ":" + PUSHED_REF + task);
            specs.add("+" + LEDGER_REF + task + ":" + LEDGER_REF + task);
            lines.add(task + "'s result from an earlier job, at " + there.get("refs/heads/" + task));
        }
        origin.fetch(specs);
        return lines;
    }

    /**
     * `run --task TASK --ci --ledger-out DIR`: the task alone, its dependencies taken as passed from their local
     * branches (each at the commit its job recorded, when {@link #DEPENDENCY_COMMITS} says), or kept from an earlier
     * job when its pushed branch and ledger match its identity; its ledger written to {@code out}.
     */
    public static Result run(RepoLayout layout, Plan plan, String task, Map<String, String> env, Path out,
                             RunService.Listener listener, UnaryOperator<RunService> options) {
        TaskDef def = plan.recipe().task(task).orElseThrow();
        Trees.requireNewOrEmpty(out, "--ledger-out");
        Map<String, String> recorded = dependencyCommits(env.get(DEPENDENCY_COMMITS));
        try (History history = History.open(layout.root())) {
            for (String d : def.dependsOn()) {
                String local = history.resolveCommit("refs/heads/" + d).orElseThrow(() -> WtcraftException.fatal(
                        "task " + task + " depends on " + d + ", whose branch is not in this clone: run 'wtcraft ci"
                                + " fetch " + task + " " + String.join(" ", def.dependsOn()) + "' first"));
                String want = recorded.get(d);
                if (want != null && !want.equals(local)) {
                    throw WtcraftException.fatal(want.isEmpty()
                            ? "task " + task + " depends on " + d + ", whose job recorded no commit: it did not pass"
                            : "task " + task + " depends on " + d + ", whose job pushed " + want + ", but its branch"
                            + " here is at " + local + ": it was pushed again since; re-run the workflow");
                }
            }
        }
        Set<String> given = new LinkedHashSet<>();
        plan.order().forEach(t -> given.add(t.name()));
        given.remove(task);
        RunService service = options.apply(new RunService(layout, plan, env, listener)).given(given)
                .recordSandboxRefusal(true);
        String identity = service.identityHashes().get(task);
        Map<String, String> job = job(env);
        Optional<CiRecord> kept = earlier(layout, task).filter(e -> e.outcome() == TaskOutcome.PASSED
                && identity.equals(e.identity()) && e.commit() != null
                && e.commit().equals(localCommit(layout, PUSHED_REF + task)));
        if (kept.isPresent()) {
            CiRecord e = kept.get();
            extract(layout, LEDGER_REF + task, out);
            CiRecord now = new CiRecord(LedgerDocument.SCHEMA_VERSION, task, TaskOutcome.PASSED, e.commit(), identity,
                    e.recipeSha256(), e.baseCommit(), e.runId(), e.reusedFrom() != null ? e.reusedFrom() : e.runId(),
                    job, Instant.now());
            LedgerCodec.write(out.resolve(CiRecord.FILE), now);
            // the branch the push step pushes again, unchanged
            new GitCli(layout.root()).text("update-ref", "refs/heads/" + task, e.commit());
            listener.finished(task, "passed in an earlier job (run " + e.runId() + ") and unchanged: not run again");
            output(env, e.commit());
            return new Result(0, now, null);
        }
        RunReport report = service.run();
        TaskResult result = report.tasks().stream().filter(r -> r.task().equals(task)).findFirst().orElseThrow();
        String commit = result.outcome() == TaskOutcome.PASSED ? localCommit(layout, "refs/heads/" + task) : null;
        Trees.copy(report.ledger(), out);
        Path worktree = layout.worktreesDir().resolve(task);
        if (Trees.isRealDirectory(worktree)) {
            for (String f : TaskFiles.LOCAL) {
                Path file = worktree.resolve(f);
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.copyFile(file, out.resolve(WORKTREE_DIR).resolve(f));
                }
            }
            dev.wtcraft.io.AtomicFiles.write(out.resolve(SIGNOFF_FILE), SignOff.export(layout, task));
        }
        CiRecord record = new CiRecord(LedgerDocument.SCHEMA_VERSION, task, result.outcome(), commit, identity,
                report.recipeSha256(), report.baseCommit(), report.runId(), null, job, Instant.now());
        LedgerCodec.write(out.resolve(CiRecord.FILE), record);
        if (commit != null) {
            output(env, commit);
        }
        return new Result(report.exitCode(), record, report);
    }

    /** `ci push TASK --ledger DIR`: the passed task's branch at the commit its gates passed on, and its ledger. */
    public static List<String> push(RepoLayout layout, Map<String, String> env, String task, Path ledgerDir) {
        Path file = ledgerDir.resolve(CiRecord.FILE);
        CiRecord r = LedgerCodec.read(file, CiRecord.class);
        if (!task.equals(r.task())) {
            throw WtcraftException.fatal(file + " is the ledger of task " + r.task() + ", not of " + task);
        }
        if (r.outcome() != TaskOutcome.PASSED || r.commit() == null) {
            throw WtcraftException.fatal("task " + task + " ended " + r.outcome().wire()
                    + ": only a passed task's branch is pushed (its ledger is in " + ledgerDir + ")");
        }
        GitCli git = new GitCli(layout.root());
        if (!git.succeeds("cat-file", "-e", r.commit() + "^{commit}")) {
            throw WtcraftException.fatal(file + " names commit " + r.commit() + ", which is not in this clone");
        }
        String ledger = ledgerCommit(git, ledgerDir, "wtcraft ci: the ledger of " + task + " (run " + r.runId()
                + ", identity " + r.identity() + ")");
        new Remote(layout.root(), env).push(List.of("+" + r.commit() + ":refs/heads/" + task,
                "+" + ledger + ":" + LEDGER_REF + task));
        return List.of("pushed " + task + " at " + r.commit(), "pushed its ledger as " + LEDGER_REF + task);
    }

    /** `dep=commit ...` as a map; a dependency named with nothing after `=` recorded no commit. */
    static Map<String, String> dependencyCommits(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        for (String word : value.trim().split("\\s+")) {
            int eq = word.lastIndexOf('=');
            if (eq > 0) {
                out.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return out;
    }

    private static Optional<CiRecord> earlier(RepoLayout layout, String task) {
        GitCli git = new GitCli(layout.root());
        var shown = git.run("show", LEDGER_REF + task + ":" + CiRecord.FILE);
        if (!shown.ok()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerCodec.parse(LEDGER_REF + task + ":" + CiRecord.FILE, shown.stdoutText(), CiRecord.class));
        } catch (WtcraftException e) {
            return Optional.empty(); // a damaged earlier ledger: run the task again
        }
    }

    private static String localCommit(RepoLayout layout, String ref) {
        try (History history = History.open(layout.root())) {
            return history.resolveCommit(ref).orElse(null);
        }
    }

    /** The CI's own variables naming where this job ran. */
    static Map<String, String> job(Map<String, String> env) {
        Map<String, String> job = new TreeMap<>();
        for (String v : List.of("GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT", "GITHUB_JOB", "GITHUB_SHA",
                "RUNNER_NAME")) {
            if (env.get(v) != null) {
                job.put(v.toLowerCase(java.util.Locale.ROOT), env.get(v));
            }
        }
        return job;
    }

    /** `commit=<sha>` for the job's outputs, when the CI gives a file for them. */
    private static void output(Map<String, String> env, String commit) {
        String file = env.get("GITHUB_OUTPUT");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), "commit=" + commit + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job's output to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A commit (no parent) whose tree is the directory's regular files, made without touching any index or work tree. */
    static String ledgerCommit(GitCli git, Path dir, String message) {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        StringBuilder paths = new StringBuilder();
        files.forEach(f -> paths.append(f.toAbsolutePath()).append('\n'));
        String[] blobs = new String(run(git, Map.of(), paths.toString(), "hash-object", "-w", "--no-filters",
                "--stdin-paths"), StandardCharsets.UTF_8).split("\n");
        StringBuilder info = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            info.append("100644 ").append(blobs[i].strip()).append('\t')
                    .append(dir.relativize(files.get(i)).toString().replace('\\', '/')).append('\n');
        }
        Path index;
        try {
            index = Files.createTempFile("wtcraft-ledger-index", "");
            Files.delete(index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary index: " + e.getMessage(), e);
        }
        try {
            Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
            run(git, env, info.toString(), "update-index", "--add", "--index-info");
            String tree = new String(run(git, env, null, "write-tree"), StandardCharsets.UTF_8).strip();
            Map<String, String> who = new LinkedHashMap<>(git.identity());
            return new String(run(git, who, null, "commit-tree", tree, "-m", message), StandardCharsets.UTF_8).strip();
        } finally {
            try {
                Files.deleteIfExists(index);
            } catch (IOException ignored) {
                // a stray temporary index is harmless
            }
        }
    }

    /** Writes a ledger commit's tree into {@code out}: regular files only, each path inside {@code out}. */
    static void extract(RepoLayout layout, String ref, Path out) {
        GitCli git = new GitCli(layout.root());
        byte[] listing = git.bytes("ls-tree", "-r", "-z", "--full-tree", ref);
        for (byte[] raw : GitCli.splitNul(listing)) {
            String entry = new String(raw, StandardCharsets.UTF_8);
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, tab).split(" ");
            String path = entry.substring(tab + 1);
            Path target = out.resolve(path).normalize();
            if (!meta[0].equals("100644") || !target.startsWith(out) || path.contains("..")) {
                throw WtcraftException.fatal(ref + " holds " + path + " (mode " + meta[0] + "), which a ledger does"
                        + " not: run the task again (delete " + ref + " on origin)");
            }
            dev.wtcraft.io.AtomicFiles.write(target, git.bytes("cat-file", "blob", meta[2]));
        }
    }

    private static byte[] run(GitCli git, Map<String, String> env, String stdin, String... args) {
        var r = git.run(env, stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), args);
        if (!r.ok()) {
            throw WtcraftException.fatal("git " + args[0] + " failed: " + GitCli.firstLine(r.stderr(), "exit code " + r.exitCode()));
        }
        return r.stdout();
    }
}
