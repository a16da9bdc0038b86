package dev.wtcraft.scope;

/** One finding of `check`: {kind, file, matched, message}; matched is the item as written, or null. */
public record Violation(ViolationKind kind, String file, String matched, String message) {
}
