package dev.wtcraft.ci;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.SignOff;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.io.Trees;
import dev.wtcraft.ledger.CiRecord;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.RunLedger;
import dev.wtcraft.ledger.RunRecord;
import dev.wtcraft.ledger.TaskOutcome;
import dev.wtcraft.run.FinishService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * `finish --all --ci --from DIR`: the landing job. The collected run becomes one of this clone's runs; each passed
 * task's branch is fetched from `origin` (at the commit its job pushed, or refused) and its worktree, contract and
 * sign-off restored, so `finish` decides exactly as it does on the machine that ran the tasks; then every base that
 * moved is pushed to `origin`, never forced.
 */
public final class CiLanding {
    private CiLanding() {
    }

    /** What landed, and the bases pushed. */
    public record Landed(String runId, List<FinishService.Outcome> outcomes, List<String> pushed) {
    }

    public static Landed land(RepoLayout layout, Map<String, String> env, Path from, FinishService.Options options,
                              boolean stopAtFirst, Consumer<FinishService.Outcome> progress) {
        RunRecord run = LedgerCodec.read(from.resolve("run.json"), RunRecord.class);
        Path here = layout.root().resolve(RunLedger.RUNS_DIR).resolve(run.runId());
        if (!Files.isRegularFile(here.resolve("run.json"), LinkOption.NOFOLLOW_LINKS)) {
            Trees.copy(from, here);
        }
        Remote origin = new Remote(layout.root(), env);
        GitCli git = new GitCli(layout.root());
        // the passed tasks this job may land, and the base each lands on
        Map<String, CiRecord> ready = new java.util.LinkedHashMap<>();
        Map<String, String> landOn = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, RunRecord.Task> t : run.tasks().entrySet()) {
            String task = t.getKey();
            Path ciDir = from.resolve(LedgerCollect.CI_DIR).resolve(task);
            Path signOff = ciDir.resolve(CiTask.SIGNOFF_FILE);
            if (t.getValue().outcome() != TaskOutcome.PASSED || t.getValue().landed() != null
                    || !Files.isRegularFile(ciDir.resolve(CiRecord.FILE), LinkOption.NOFOLLOW_LINKS)
                    || !Files.isRegularFile(signOff, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            CiRecord ci = LedgerCodec.read(ciDir.resolve(CiRecord.FILE), CiRecord.class);
            String base = landOn(signOff);
            if (ci.commit() != null && base != null) {
                ready.put(task, ci);
                landOn.put(task, base);
            }
        }
        // each base as origin has it now: an earlier landing job of this run (or anyone) may have moved it
        String current = git.run("symbolic-ref", "-q", "--short", "HEAD").stdoutText().strip();
        Set<String> bases = new LinkedHashSet<>(landOn.values());
        origin.fetch(bases.stream().map(b -> "+refs/heads/" + b + ":refs/remotes/origin/" + b).toList());
        for (String b : bases) {
            String there = git.text("rev-parse", "refs/remotes/origin/" + b).strip();
            if (b.equals(current)) {
                var ff = git.run("merge", "--ff-only", "--quiet", "refs/remotes/origin/" + b);
                if (!ff.ok()) {
                    throw WtcraftException.fatal("cannot bring " + b + " up to origin's (" + GitCli.firstLine(ff.stderr(),
                            "git merge --ff-only failed") + "): run the landing job on a clean check-out");
                }
            } else {
                git.text("update-ref", "refs/heads/" + b, there);
            }
        }
        RunLedger ledger = RunLedger.open(layout.root(), run.runId());
        List<String> specs = new ArrayList<>();
        List<String> restore = new ArrayList<>();
        for (Map.Entry<String, CiRecord> e : ready.entrySet()) {
            String task = e.getKey();
            String base = landOn.get(task);
            if (git.succeeds("merge-base", "--is-ancestor", e.getValue().commit(), "refs/heads/" + base)) {
                // landed by an earlier landing job of this run: its base already holds the commit
                ledger.update(r -> r.withTask(task, r.tasks().get(task).withLanded(new RunRecord.Landed(
                        e.getValue().commit(), base, "merge", java.time.Instant.now()))));
                continue;
            }
            if (!Files.exists(layout.worktreesDir().resolve(task), LinkOption.NOFOLLOW_LINKS)) {
                specs.add("+refs/heads/" + task + ":refs/heads/" + task);
                restore.add(task);
            }
        }
        origin.fetch(specs);
        for (String task : restore) {
            Path ciDir = from.resolve(LedgerCollect.CI_DIR).resolve(task);
            CiRecord ci = ready.get(task);
            String fetched = git.text("rev-parse", "refs/heads/" + task).strip();
            if (!fetched.equals(ci.commit())) {
                throw WtcraftException.fatal("origin's branch " + task + " is at " + fetched + ", but its job pushed "
                        + ci.commit() + " (" + ciDir.resolve(CiRecord.FILE) + "): it changed after the job; run the"
                        + " workflow again");
            }
            Path wt = layout.worktreesDir().resolve(task);
            git.text("worktree", "add", "--quiet", wt.toString(), task);
            for (String f : TaskFiles.LOCAL) {
                Path saved = ciDir.resolve(CiTask.WORKTREE_DIR).resolve(f);
                if (Files.isRegularFile(saved, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.copyFile(saved, wt.resolve(f));
                }
            }
            Path signOffFile = ciDir.resolve(CiTask.SIGNOFF_FILE);
            SignOff.restore(layout, task, read(signOffFile), signOffFile.toString());
        }
        List<FinishService.Outcome> outcomes = FinishService.finishAll(layout, run.runId(), options, stopAtFirst, progress);
        List<String> pushed = new ArrayList<>();
        if (!options.dryRun()) {
            Set<String> moved = new LinkedHashSet<>();
            outcomes.stream().filter(o -> o.result() == FinishService.Result.LANDED).forEach(o -> moved.add(o.base()));
            List<String> push = moved.stream().map(b -> "refs/heads/" + b + ":refs/heads/" + b).toList();
            if (!push.isEmpty()) {
                origin.push(push);
                pushed.addAll(moved);
            }
        }
        return new Landed(run.runId(), outcomes, pushed);
    }

    /** The branch a carried sign-off lands the task on, or null. */
    private static String landOn(Path signOff) {
        try {
            Object land = ((Map<?, ?>) dev.wtcraft.io.JsonText.parse(read(signOff))).get("land_on");
            return land == null ? null : land.toString();
        } catch (IOException | RuntimeException e) {
            throw WtcraftException.fatal("damaged sign-off record " + signOff + " (" + e.getMessage()
                    + "): collect the task's ledger from its job again");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
