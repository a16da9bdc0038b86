package dev.wtcraft.ledger;

import java.util.Locale;

/** A reviewer's answer, as the ledger records it. Only a clear `VERDICT: APPROVE` approves. */
public enum ReviewVerdict {
    APPROVE, REQUEST_CHANGES;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire name, as people read it (a JShell session prints it). */
    @Override
    public String toString() {
        return wire();
    }
}
