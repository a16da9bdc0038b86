package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.contract.ContractParser;
import dev.wtcraft.contract.SignOff;
import dev.wtcraft.contract.SpecDigest;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.contract.StateCodec;
import dev.wtcraft.contract.TaskContract;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.git.WorktreeEntry;
import dev.wtcraft.process.DiskUsage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `status`: one entry per linked worktree, with its contract and evidence facts. Never fails on one bad task. */
public final class StatusService {
    private StatusService() {
    }

    public static List<Map<String, Object>> status(RepoLayout layout, PrintStream warnings) {
        return status(layout, warnings, false);
    }

    /**
     * @param sizes whether to measure what each worktree takes on disk (`size_bytes`; null when not measured): a
     *              walk of every file, which status does only when asked (`--size`)
     */
    public static List<Map<String, Object>> status(RepoLayout layout, PrintStream warnings, boolean sizes) {
        List<Map<String, Object>> entries = new ArrayList<>();
        Map<java.nio.file.Path, Long> bytes = sizes ? DiskUsage.of(layout.linked().stream()
                .filter(w -> !w.prunable()).map(WorktreeEntry::path).toList()) : Map.of();
        for (WorktreeEntry entry : layout.linked()) {
            Map<String, Object> e = entry(new TaskWorktree(layout, entry), warnings);
            e.put("size_bytes", sizes ? bytes.getOrDefault(entry.path(), 0L) : null);
            entries.add(e);
        }
        return entries;
    }

    static Map<String, Object> entry(TaskWorktree wt, PrintStream warnings) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("repo_root", wt.layout().root().toString());
        e.put("worktree", wt.path().toString());
        e.put("branch", wt.entry().shortBranch());
        e.put("zombie", wt.entry().prunable());
        e.put("locked", wt.entry().locked());
        boolean contracted = !wt.entry().prunable() && wt.contracted();
        e.put("contracted", contracted);
        if (!contracted) {
            return e;
        }
        e.put("task_file", wt.taskFile().toString());
        e.put("state_file", wt.stateFile().toString());
        TaskContract contract;
        try {
            contract = ContractParser.read(wt.taskFile());
        } catch (WtcraftException ex) {
            e.put("contract_error", ex.getMessage());
            warnings.println("warning: " + ex.getMessage());
            return e;
        }
        boolean statePresent = dev.wtcraft.contract.TaskFileReader.present(wt.stateFile());
        e.put("state_present", statePresent);
        TaskState state = null;
        Boolean valid = null;
        if (statePresent) {
            try {
                state = StateCodec.read(wt.stateFile()).orElse(null);
                valid = state != null;
            } catch (WtcraftException ex) {
                valid = false;
                warnings.println("warning: " + ex.getMessage());
            }
        }
        e.put("state_valid", valid);
        boolean legacyIgnored = statePresent && contract.hasLegacyLifecycleKeys();
        e.put("legacy_frontmatter_ignored", legacyIgnored);
        if (legacyIgnored) {
            warnings.println("warning: " + wt.taskFile() + ": front-matter lifecycle keys are overridden by "
                    + TaskFiles.STATE_FILE);
        }
        e.put("specification_changed", SpecDigest.changed(wt.path(), contract));
        // without a state file only what the front matter says is known; the rest is null, never invented
        boolean legacy = !statePresent;
        e.put("stage", state != null ? state.stage().wire()
                : legacy ? contract.get("stage").orElse(Stage.PLANNED.wire()) : null);
        e.put("role", state != null ? state.role().wire() : legacy ? contract.get("role").orElse(null) : null);
        e.put("agent", state != null ? state.agent() : legacy ? contract.get("agent").orElse(null) : null);
        e.put("status", state != null ? state.status() : legacy ? contract.get("status").orElse(null) : null);
        e.put("attempt", state == null ? null : state.attempt());
        e.put("handoff_from", state == null ? null : state.handoffFrom());
        e.put("handoff_to", state == null ? null : state.handoffTo());
        e.put("check_result", state == null ? null : state.checkResult());
        e.put("checked", state == null ? null : state.checked());
        e.put("priority", contract.get("priority").orElse(null));
        e.put("created", contract.get("created").orElse(null));
        e.put("base", contract.base().orElse(null));
        e.put("verify_result", state != null ? state.verifyResult()
                : legacy ? contract.get("verify_result").orElse(null) : null);
        e.put("verified", state != null ? state.verified() : legacy ? contract.get("verified").orElse(null) : null);
        e.put("created_at", state == null ? null : state.createdAt());
        e.put("updated_at", state == null ? null : state.updatedAt());
        // readiness and the sign-off come from what wtcraft recorded where the task's engine cannot write
        SignOff signOff = SignOff.read(wt.layout(), wt.entry().shortBranch());
        boolean ready = false;
        boolean stale = false;
        if (signOff.check() != null || signOff.verify() != null) {
            String current = new WorkingTree(wt.path(), TaskFiles::isLocalTaskFile)
                    .snapshot(SpecDigest.of(contract));
            ready = signOff.problems(contract, current, wt.entry().shortBranch()).isEmpty();
            stale = signOff.check() != null && !current.equals(signOff.check().snapshot())
                    || signOff.verify() != null && !current.equals(signOff.verify().snapshot());
        }
        e.put("ready", ready);
        e.put("evidence_stale", stale);
        // sign-off, after the original fields (new fields may be added): the review and the landing, if any
        e.put(SignOff.REVIEW_REQUIRED, signOff.reviewRequired());
        e.put(SignOff.REVIEW_RESULT, signOff.review() == null ? null : signOff.review().verdict());
        e.put(SignOff.REVIEWED, signOff.review() == null ? null : signOff.review().at());
        e.put(SignOff.LANDED_COMMIT, signOff.landed() == null ? null : signOff.landed().commit());
        return e;
    }
}
