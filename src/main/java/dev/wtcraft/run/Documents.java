package dev.wtcraft.run;

import dev.wtcraft.ledger.CheckRecord;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.LedgerDocument;
import dev.wtcraft.ledger.VerifyRecord;
import dev.wtcraft.task.CheckReport;
import dev.wtcraft.task.VerifyReport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger's check.json and verify.json from what `check --json` and `verify --json` print. Those two commands
 * write their documents with the streaming writer (their start-up stays free of databind); the conversion is
 * strict, so a field the protocol gains and the record lacks fails the tests instead of vanishing.
 */
final class Documents {
    private Documents() {
    }

    static CheckRecord check(CheckReport report) {
        return LedgerCodec.convert(versioned(report.toDocument()), CheckRecord.class);
    }

    static VerifyRecord verify(VerifyReport report) {
        return LedgerCodec.convert(versioned(report.toDocument()), VerifyRecord.class);
    }

    private static Map<String, Object> versioned(Map<String, Object> protocol) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", LedgerDocument.SCHEMA_VERSION);
        doc.putAll(protocol);
        return doc;
    }
}
