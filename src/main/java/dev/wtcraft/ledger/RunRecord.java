package dev.wtcraft.ledger;

import dev.wtcraft.model.LibraryPin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `run.json`: what a run was asked to do and how each task ended, rewritten atomically as tasks finish (and by
 * `finish` when a task lands).
 *
 * @param recipe     the recipe's path relative to the repository root
 * @param resumedAt  when `run --resume` last continued it, or null
 * @param finishedAt null while the run goes on (or when its runner died)
 * @param exitCode   the run's exit code, once it finished
 * @param carried    the main checkout's uncommitted files that `run --include-uncommitted` carried into the tasks'
 *                   base, or null when it carried none
 * @param tasks      every task of the run, in plan order
 */
public record RunRecord(int schemaVersion, String runId, String recipe, String recipeSha256, String baseCommit,
                        Instant startedAt, Instant resumedAt, Instant finishedAt, Integer jobs, Integer exitCode,
                        SpendReport spend, List<LibraryPin> libraries, Carried carried, Map<String, Task> tasks)
        implements LedgerDocument {
    public RunRecord {
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        tasks = tasks == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    }

    /**
     * One task's entry.
     *
     * @param outcome  how it ended, or {@link TaskOutcome#PENDING} while it has not
     * @param attempts how many attempts ran (0 when it never started)
     * @param hash     the task's identity (see {@code run/TaskIdentity}); a passed task whose identity is unchanged
     *                 is not run again on resume
     * @param inputs   the identity's parts, each hashed, so that resume can say which of them changed
     * @param landed   where `finish` landed it, or null
     */
    public record Task(TaskOutcome outcome, int attempts, String reason, String hash, Map<String, String> inputs,
                       Spend spend, Landed landed) {
        public Task {
            inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            spend = spend == null ? Spend.NONE : spend;
        }

        public Task withLanded(Landed at) {
            return new Task(outcome, attempts, reason, hash, inputs, spend, at);
        }
    }

    /** Where and how `finish` landed a task. */
    public record Landed(String commit, String into, String strategy, Instant at) {
    }

    /**
     * The main checkout's uncommitted work, carried into the tasks' base as a commit of its own.
     *
     * @param branch the branch checked out there, which the tasks that start from it start from this commit instead
     * @param parent the commit of that branch the uncommitted work sits on
     * @param commit the commit holding it (its parent is {@code parent}; no branch points at it)
     * @param files  the files it changes, added or removes, in git's order
     */
    public record Carried(String branch, String parent, String commit, List<String> files) {
        public Carried {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /** Spend in total and per engine. */
    public record SpendReport(Spend total, Map<String, Spend> byEngine) {
        public static final SpendReport NONE = new SpendReport(Spend.NONE, Map.of());
    }

    public RunRecord withSpend(SpendReport next) {
        return new RunRecord(schemaVersion, runId, recipe, recipeSha256, baseCommit, startedAt, resumedAt, finishedAt,
                jobs, exitCode, next, libraries, carried, tasks);
    }

    public RunRecord finished(Instant at, int code) {
        return new RunRecord(schemaVersion, runId, recipe, recipeSha256, baseCommit, startedAt, resumedAt, at, jobs,
                code, spend, libraries, carried, tasks);
    }

    public RunRecord withTask(String name, Task task) {
        Map<String, Task> next = new LinkedHashMap<>(tasks);
        next.put(name, task);
        return new RunRecord(schemaVersion, runId, recipe, recipeSha256, baseCommit, startedAt, resumedAt, finishedAt,
                jobs, exitCode, spend, libraries, carried, next);
    }
}
