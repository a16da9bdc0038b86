package dev.wtcraft.scope;

/** One finding of `check`: {kind, file, matched, message}; matched is the item as written, or null. */
public record Violation(ViolationKind kind, String file, String matched, String message) {
    /** A change in the git directory (a hook, the config, another ref) made while a task's engine ran. */
    public static Violation gitInternals(String change) {
        return new Violation(ViolationKind.GIT_INTERNALS, ".git", null, "Git internals changed while the engine ran: "
                + change);
    }
}
