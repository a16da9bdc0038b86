package dev.wtcraft.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * `ci.json`: what one CI job's `wtcraft run --task NAME --ci` left for the jobs after it, beside the task's ledger
 * in the job's ledger directory. `ci push` pushes {@code commit} as the task's branch, `ledger collect` checks that
 * every job ran the same recipe on the same base, and a re-run of the job keeps the task when its identity is
 * unchanged.
 *
 * @param task         the task the job ran
 * @param outcome      how it ended
 * @param commit       the task branch's commit the gates passed on, or null unless it passed
 * @param identity     the task's resume identity (every input of the task as the model holds it)
 * @param recipeSha256 the recipe's hash, as run.json records it
 * @param baseCommit   the run's base commit, as run.json records it
 * @param runId        the run id of the job's ledger
 * @param reusedFrom   the run id of an earlier job whose result this one kept, or null when the task ran
 * @param job          where the job ran, from the CI's own variables (run id, attempt, job, repository)
 */
public record CiRecord(int schemaVersion, String task, TaskOutcome outcome, String commit, String identity,
                       String recipeSha256, String baseCommit, String runId, String reusedFrom,
                       Map<String, String> job, Instant writtenAt) implements LedgerDocument {
    /** Its file in a CI job's ledger directory, and in each task's folder of a collected run. */
    public static final String FILE = "ci.json";

    public CiRecord {
        job = job == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(job));
    }
}
