package dev.wtcraft.contract;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What wtcraft decides a task's landing from, kept where the task's engine cannot write: the repository's git
 * directory (`wtcraft/tasks/<branch>.json` under it), which the sandbox holds read-only. The run that made the task,
 * the branch it lands on, whether it needs a review, the evidence of its gates
 * and review (each with the snapshot of the contents it held for), and its landing. The task's state file carries
 * the same facts for people and for the original tool's protocol; nothing is decided from it.
 *
 * @param runId          the run that made the task, or null for a task made by `wtcraft new`
 * @param landOn         the branch `finish` lands it on, or null when unknown (then the contract's base)
 * @param reviewRequired whether the task may finish only with an approving review
 */
public record SignOff(String runId, String landOn, boolean reviewRequired, Evidence check, Evidence verify,
                      Review review, Landed landed) {
    public static final SignOff NONE = new SignOff(null, null, false, null, null, null, null);

    /** The names the same facts carry as extras of the task's state file (a copy for people; never read back). */
    public static final String RUN_ID = "run_id";
    public static final String LAND_ON = "land_on";
    public static final String REVIEW_REQUIRED = "review_required";
    public static final String REVIEW_RESULT = "review_result";
    public static final String REVIEW_SUMMARY = "review_summary";
    public static final String REVIEW_SNAPSHOT = "review_snapshot";
    public static final String REVIEWED = "reviewed";
    public static final String REVIEWER = "reviewer";
    public static final String LANDED_COMMIT = "landed_commit";
    public static final String LANDED_INTO = "landed_into";
    public static final String LANDED_STRATEGY = "landed_strategy";
    public static final String LANDED_AT = "landed_at";

    /** A gate's result (pass or fail) on the contents with this snapshot, and when. */
    public record Evidence(String result, String snapshot, String at) {
        public boolean passedOn(String current) {
            return "pass".equals(result) && current.equals(snapshot);
        }
    }

    /** A review's verdict (approve or request_changes) on the contents with this snapshot. */
    public record Review(String verdict, String summary, String snapshot, String reviewer, String at) {
    }

    /** Where `finish` landed the task. */
    public record Landed(String commit, String into, String strategy, String at) {
    }

    /** A task's first record: the run that made it (or none), where it lands, whether it needs a review. */
    public static SignOff planned(String runId, String landOn, boolean reviewRequired) {
        return new SignOff(runId, landOn, reviewRequired, null, null, null, null);
    }

    public SignOff withReviewRequired(boolean required) {
        return new SignOff(runId, landOn, required, check, verify, review, landed);
    }

    public SignOff withCheck(Evidence e) {
        return new SignOff(runId, landOn, reviewRequired, e, verify, review, landed);
    }

    public SignOff withVerify(Evidence e) {
        return new SignOff(runId, landOn, reviewRequired, check, e, review, landed);
    }

    public SignOff withReview(Review r) {
        return new SignOff(runId, landOn, reviewRequired, check, verify, r, landed);
    }

    public SignOff withLanded(Landed l) {
        return new SignOff(runId, landOn, reviewRequired, check, verify, review, l);
    }

    /**
     * Everything that keeps the task from landing on contents with this snapshot; empty when it is ready: check and
     * verification passed on these contents (verification only where the contract has commands), and an approving
     * review of them where one is required. The same answer for `status` and `finish`.
     *
     * @param task how the commands to run again name the task
     */
    public java.util.List<String> problems(TaskContract contract, String snapshot, String task) {
        java.util.List<String> out = new java.util.ArrayList<>();
        evidence(out, "check", check, snapshot, "wtcraft check " + task);
        if (!contract.verification().isEmpty()) {
            evidence(out, "verify", verify, snapshot, "wtcraft verify " + task);
        }
        if (reviewRequired) {
            if (review == null) {
                out.add("it needs a review and has none (run wtcraft review " + task + ")");
            } else if (!"approve".equals(review.verdict())) {
                out.add("the reviewer requested changes" + (review.summary() == null ? "" : ": " + review.summary()));
            } else if (!snapshot.equals(review.snapshot())) {
                out.add("the contents changed since the review approved them (run wtcraft review " + task + " again)");
            }
        }
        return out;
    }

    private static void evidence(java.util.List<String> out, String gate, Evidence e, String snapshot, String command) {
        if (e == null || e.result() == null) {
            out.add(gate + " has not run (run " + command + ")");
        } else if (!"pass".equals(e.result())) {
            out.add(gate + " failed (run " + command + ")");
        } else if (!snapshot.equals(e.snapshot())) {
            out.add("the contents changed since " + gate + " passed (run " + command + " again)");
        }
    }

    /** The sign-off of the task on {@code branch}: what wtcraft recorded, or {@link #NONE}. */
    public static SignOff read(RepoLayout layout, String branch) {
        if (branch == null) {
            return NONE;
        }
        Path file = file(layout, branch);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return NONE;
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("not a regular file");
            }
            return decode((Map<?, ?>) JsonText.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | ClassCastException e) {
            throw WtcraftException.fatal("damaged sign-off record " + file + " (" + e.getMessage()
                    + "): delete it, then run check, verify and review of " + branch + " again");
        }
    }

    /** Changes the sign-off of the task on {@code branch} and writes it back atomically. */
    public static synchronized SignOff update(RepoLayout layout, String branch, UnaryOperator<SignOff> change) {
        SignOff next = change.apply(read(layout, branch));
        AtomicFiles.write(file(layout, branch), JsonText.write(encode(branch, next)) + "\n");
        return next;
    }

    /** The sign-off of the task on {@code branch} as its record's text, to carry it to another machine (a CI job's ledger). */
    public static String export(RepoLayout layout, String branch) {
        return JsonText.write(encode(branch, read(layout, branch))) + "\n";
    }

    /**
     * Takes a sign-off carried from the machine that ran the task ({@link #export}'s text): read as data, refused
     * in one line when damaged or when it names another task, and never landed (landing happens here).
     */
    public static SignOff restore(RepoLayout layout, String branch, String text, String where) {
        SignOff s;
        try {
            Map<?, ?> m = (Map<?, ?>) JsonText.parse(text);
            if (!branch.equals(m.get("task"))) {
                throw new IllegalArgumentException("it is the sign-off of " + m.get("task") + ", not of " + branch);
            }
            s = decode(m);
        } catch (IOException | RuntimeException e) {
            throw WtcraftException.fatal("damaged sign-off record " + where + " (" + e.getMessage()
                    + "): collect the task's ledger from its job again");
        }
        SignOff kept = new SignOff(s.runId, s.landOn, s.reviewRequired, s.check, s.verify, s.review, null);
        AtomicFiles.write(file(layout, branch), JsonText.write(encode(branch, kept)) + "\n");
        return kept;
    }

    /** Forgets a task's sign-off (its worktree and branch are gone). */
    public static void remove(RepoLayout layout, String branch) {
        try {
            Files.deleteIfExists(file(layout, branch));
        } catch (IOException e) {
            // a stale record is harmless: the next task of that name starts with a fresh one
        }
    }

    static Path file(RepoLayout layout, String branch) {
        return commonDir(layout).resolve("wtcraft").resolve("tasks").resolve(branch.replace('/', '~') + ".json");
    }

    /** The repository's git directory: the main checkout's `.git`, else what git says it is. */
    static Path commonDir(RepoLayout layout) {
        Path dotGit = layout.root().resolve(".git");
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return dotGit;
        }
        return Path.of(new GitCli(layout.root()).text("rev-parse", "--path-format=absolute", "--git-common-dir").strip());
    }

    private static Map<String, Object> encode(String branch, SignOff s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", branch);
        m.put("run_id", s.runId);
        m.put("land_on", s.landOn);
        m.put("review_required", s.reviewRequired);
        m.put("check", s.check == null ? null : evidence(s.check));
        m.put("verify", s.verify == null ? null : evidence(s.verify));
        if (s.review != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("verdict", s.review.verdict());
            r.put("summary", s.review.summary());
            r.put("snapshot", s.review.snapshot());
            r.put("reviewer", s.review.reviewer());
            r.put("at", s.review.at());
            m.put("review", r);
        } else {
            m.put("review", null);
        }
        if (s.landed != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("commit", s.landed.commit());
            l.put("into", s.landed.into());
            l.put("strategy", s.landed.strategy());
            l.put("at", s.landed.at());
            m.put("landed", l);
        } else {
            m.put("landed", null);
        }
        return m;
    }

    private static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", e.result());
        m.put("snapshot", e.snapshot());
        m.put("at", e.at());
        return m;
    }

    private static SignOff decode(Map<?, ?> m) {
        Map<?, ?> check = (Map<?, ?>) m.get("check");
        Map<?, ?> verify = (Map<?, ?>) m.get("verify");
        Map<?, ?> review = (Map<?, ?>) m.get("review");
        Map<?, ?> landed = (Map<?, ?>) m.get("landed");
        return new SignOff(str(m.get("run_id")), str(m.get("land_on")), Boolean.TRUE.equals(m.get("review_required")),
                check == null ? null : new Evidence(str(check.get("result")), str(check.get("snapshot")), str(check.get("at"))),
                verify == null ? null : new Evidence(str(verify.get("result")), str(verify.get("snapshot")), str(verify.get("at"))),
                review == null ? null : new Review(str(review.get("verdict")), str(review.get("summary")),
                        str(review.get("snapshot")), str(review.get("reviewer")), str(review.get("at"))),
                landed == null ? null : new Landed(str(landed.get("commit")), str(landed.get("into")),
                        str(landed.get("strategy")), str(landed.get("at"))));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
