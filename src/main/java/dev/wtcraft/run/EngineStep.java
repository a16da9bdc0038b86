package dev.wtcraft.run;

import dev.wtcraft.engine.Engine;
import dev.wtcraft.engine.EngineResult;
import dev.wtcraft.engine.EngineRun;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.TaskLedger;
import dev.wtcraft.ledger.UsageRecord;

/**
 * The step that runs an engine, for a task's attempt and for a reviewer alike: the prompt into the ledger, the
 * engine in its boundary, its final message (redacted) and its usage into the ledger.
 */
final class EngineStep {
    private EngineStep() {
    }

    /** What the engine left: how it ended, and its usage as recorded. */
    record Result(EngineResult engine, UsageRecord usage) {
    }

    static Result run(Engine engine, EngineRun run, TaskLedger ledger, RunControl.Host host) {
        EngineResult er;
        try {
            er = engine.run(run);
        } finally {
            host.running().accept(null);
        }
        ledger.redact("last-message.md"); // an agent CLI writes it itself
        if (er.lastMessage() != null && ledger.isBlank("last-message.md")) {
            ledger.writeText("last-message.md", er.lastMessage());
        }
        UsageRecord usage = usage(er);
        ledger.write("usage.json", usage);
        return new Result(er, usage);
    }

    /** An engine's usage as its record ({@link UsageRecord#NONE} for engines that report none). */
    static UsageRecord usage(EngineResult er) {
        if (er == null || er.usage().isEmpty()) {
            return UsageRecord.NONE;
        }
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>(er.usage());
        doc.putIfAbsent("schema_version", dev.wtcraft.ledger.LedgerDocument.SCHEMA_VERSION);
        return LedgerCodec.convert(doc, UsageRecord.class);
    }
}
