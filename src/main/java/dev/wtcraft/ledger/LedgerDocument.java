package dev.wtcraft.ledger;

/**
 * A document of the run ledger, written and read through {@link LedgerCodec} only. Each carries the version of its
 * shape; a file without one was written before versions were recorded and reads as version 0 (the same fields).
 */
public interface LedgerDocument {
    /** The shape this build writes. A reader refuses a document newer than this, naming the file. */
    int SCHEMA_VERSION = 1;

    int schemaVersion();
}
