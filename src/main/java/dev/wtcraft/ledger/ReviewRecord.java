package dev.wtcraft.ledger;

import dev.wtcraft.engine.EngineOutcome;

import java.time.Instant;

/**
 * `review.json`: a reviewer's verdict on one snapshot of a task's contents.
 *
 * @param summary         the first reason (or why the review counts as it does)
 * @param note            why the verdict is not the reviewer's own (no clear answer, a failed engine, a changed
 *                        worktree), or null
 * @param worktreeChanged the reviewer changed the worktree during a read-only review (it is overruled)
 * @param snapshot        the contents reviewed; a later change needs a new review
 */
public record ReviewRecord(int schemaVersion, ReviewVerdict verdict, String reviewer, boolean required,
                           String summary, String reasons, String note, EngineOutcome engineOutcome,
                           String engineReason, boolean worktreeChanged, String snapshot, Spend spend,
                           Instant reviewedAt) implements LedgerDocument {
}
