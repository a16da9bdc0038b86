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
        List<String> specs = new ArrayList<>();
        List<String> restore = new ArrayList<>();
        Set<String> bases = new LinkedHashSet<>();
        for (Map.Entry<String, RunRecord.Task> t : run.tasks().entrySet()) {
            String task = t.getKey();
            Path ciDir = from.resolve(LedgerCollect.CI_DIR).resolve(task);
            if (t.getValue().outcome() != TaskOutcome.PASSED || t.getValue().landed() != null
                    || !Files.isRegularFile(ciDir.resolve(CiRecord.FILE), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            CiRecord ci = LedgerCodec.read(ciDir.resolve(CiRecord.FILE), CiRecord.class);
            if (ci.commit() == null || !Files.isRegularFile(ciDir.resolve(CiTask.SIGNOFF_FILE), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!Files.exists(layout.worktreesDir().resolve(task), LinkOption.NOFOLLOW_LINKS)) {
                specs.add("+refs/heads/" + task + ":refs/heads/" + task);
                restore.add(task);
            }
        }
        origin.fetch(specs);
        String current = git.run("symbolic-ref", "-q", "--short", "HEAD").stdoutText().strip();
        for (String task : restore) {
            Path ciDir = from.resolve(LedgerCollect.CI_DIR).resolve(task);
            CiRecord ci = LedgerCodec.read(ciDir.resolve(CiRecord.FILE), CiRecord.class);
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
                    copy(saved, wt.resolve(f));
                }
            }
            Path signOffFile = ciDir.resolve(CiTask.SIGNOFF_FILE);
            SignOff s = SignOff.restore(layout, task, read(signOffFile), signOffFile.toString());
            if (s.landOn() != null && !s.landOn().equals(current)) {
                bases.add(s.landOn());
            }
        }
        // each base a task lands on, as origin has it (the checked-out branch is the job's own)
        List<String> baseSpecs = new ArrayList<>();
        try (History history = History.open(layout.root())) {
            for (String b : bases) {
                if (!history.hasRef("refs/heads/" + b)) {
                    baseSpecs.add("+refs/heads/" + b + ":refs/heads/" + b);
                }
            }
        }
        origin.fetch(baseSpecs);
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

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            dev.wtcraft.io.AtomicFiles.write(to, Files.readAllBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + from + ": " + e.getMessage(), e);
        }
    }
}
