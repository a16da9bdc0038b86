package dev.wtcraft.model;

/**
 * Which agent CLI (or the built-in shell) an engine drives. FAKE is never declared by a recipe: `wtcraft test` puts
 * it in place of the engines its test scripts.
 */
public enum EngineKind {
    SHELL, CODEX, CLAUDE, GEMINI, REPLAY, FAKE;

    /** An agent CLI (not the built-in shell engine, not a replayed recording). */
    public boolean agent() {
        return this == CODEX || this == CLAUDE || this == GEMINI;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
