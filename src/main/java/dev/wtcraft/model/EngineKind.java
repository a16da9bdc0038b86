package dev.wtcraft.model;

/** Which agent CLI (or the built-in shell) an engine drives. */
public enum EngineKind {
    SHELL, CODEX, CLAUDE, GEMINI, REPLAY;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
