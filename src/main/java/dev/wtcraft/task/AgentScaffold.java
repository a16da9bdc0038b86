package dev.wtcraft.task;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent-facing workflow `init` installs in the main checkout: role guides, the stage machine, and Claude Code
 * slash commands and skills that drive wtcraft; with `--patch-agent-files`, a short pointer section in the agent
 * instruction files. A file someone changed is never replaced without `--force`, only reported as drifted.
 */
public final class AgentScaffold {
    /** One installed file: where it goes and the resource it is copied from. */
    public record Template(String path, String resource) {
        String text() {
            return resourceText(resource);
        }
    }

    public static final List<Template> FILES = List.of(
            new Template(".wtcraft/agents/planner.md", "planner.md"),
            new Template(".wtcraft/agents/executor.md", "executor.md"),
            new Template(".wtcraft/agents/verifier.md", "verifier.md"),
            new Template(".wtcraft/agents/finisher.md", "finisher.md"),
            new Template(".wtcraft/agents/stages.md", "stages.md"),
            new Template(".claude/commands/wtcraft-plan.md", "commands/wtcraft-plan.md"),
            new Template(".claude/commands/wtcraft-status.md", "commands/wtcraft-status.md"),
            new Template(".claude/commands/wtcraft-finish.md", "commands/wtcraft-finish.md"),
            new Template(".claude/skills/wtcraft-plan/SKILL.md", "skills/wtcraft-plan/SKILL.md"),
            new Template(".claude/skills/wtcraft-status/SKILL.md", "skills/wtcraft-status/SKILL.md"),
            new Template(".claude/skills/wtcraft-finish/SKILL.md", "skills/wtcraft-finish/SKILL.md"));
    /** The instruction files the agent CLIs read: Claude Code, Codex (and others), Gemini. */
    public static final List<String> AGENT_FILES = List.of("CLAUDE.md", "AGENTS.md", "GEMINI.md");
    static final String START = "<!-- wtcraft:start -->";
    static final String END = "<!-- wtcraft:end -->";

    /** What happened to (or is true of) one scaffold file. */
    public enum FileState {
        WRITTEN, REPLACED, UP_TO_DATE, DRIFTED, MISSING;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Whether an agent file carries the pointer section. */
    public enum PatchState {
        PATCHED, CREATED, ALREADY_PATCHED, REMOVED, NOT_PATCHED, ABSENT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private AgentScaffold() {
    }

    /** Writes every missing file; a drifted one is kept unless {@code force}. */
    public static Map<String, FileState> install(Path root, boolean force) {
        Map<String, FileState> out = new LinkedHashMap<>();
        inspect(root).forEach((path, state) -> {
            Template t = FILES.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
            switch (state) {
                case MISSING -> {
                    AtomicFiles.write(root.resolve(path), t.text());
                    out.put(path, FileState.WRITTEN);
                }
                case DRIFTED -> {
                    if (force) {
                        AtomicFiles.write(root.resolve(path), t.text());
                    }
                    out.put(path, force ? FileState.REPLACED : FileState.DRIFTED);
                }
                case UP_TO_DATE, WRITTEN, REPLACED -> out.put(path, state);
            }
        });
        return out;
    }

    /** Each scaffold file as it is now: up to date, drifted (someone changed it) or missing. */
    public static Map<String, FileState> inspect(Path root) {
        Map<String, FileState> out = new LinkedHashMap<>();
        for (Template t : FILES) {
            Path file = root.resolve(t.path());
            if (!Files.exists(file)) {
                out.put(t.path(), FileState.MISSING);
            } else {
                out.put(t.path(), read(file).equals(t.text()) ? FileState.UP_TO_DATE : FileState.DRIFTED);
            }
        }
        return out;
    }

    /** Adds the pointer section to each agent file once (creating the file when there is none). */
    public static Map<String, PatchState> patch(Path root) {
        Map<String, PatchState> out = new LinkedHashMap<>();
        String block = START + "\n" + resourceText("pointer.md") + END + "\n";
        for (String name : AGENT_FILES) {
            Path file = root.resolve(name);
            if (!Files.exists(file)) {
                AtomicFiles.write(file, block);
                out.put(name, PatchState.CREATED);
                continue;
            }
            String text = read(file);
            if (text.contains(START)) {
                out.put(name, PatchState.ALREADY_PATCHED);
                continue;
            }
            String sep = text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n";
            AtomicFiles.write(file, text + sep + block);
            out.put(name, PatchState.PATCHED);
        }
        return out;
    }

    /** Removes the pointer section (and the blank line before it) from each agent file; the rest stays. */
    public static Map<String, PatchState> unpatch(Path root) {
        Map<String, PatchState> out = new LinkedHashMap<>();
        for (String name : AGENT_FILES) {
            Path file = root.resolve(name);
            if (!Files.exists(file)) {
                out.put(name, PatchState.ABSENT);
                continue;
            }
            String text = read(file);
            String without = removeBlock(text, START, END);
            if (without.equals(text)) {
                out.put(name, PatchState.NOT_PATCHED);
            } else {
                AtomicFiles.write(file, without);
                out.put(name, PatchState.REMOVED);
            }
        }
        return out;
    }

    /** Whether each agent file carries the pointer section now. */
    public static Map<String, PatchState> patchStates(Path root) {
        Map<String, PatchState> out = new LinkedHashMap<>();
        for (String name : AGENT_FILES) {
            Path file = root.resolve(name);
            out.put(name, !Files.exists(file) ? PatchState.ABSENT
                    : read(file).contains(START) ? PatchState.PATCHED : PatchState.NOT_PATCHED);
        }
        return out;
    }

    /** The text without every block from a start-marker line to its end-marker line, and one blank line before. */
    static String removeBlock(String text, String start, String end) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        for (String line : lines) {
            if (!skipping && line.contains(start)) {
                skipping = true;
                if (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            if (skipping) {
                skipping = !line.contains(end);
                continue;
            }
            out.add(line);
        }
        String joined = String.join("\n", out);
        return joined.isBlank() ? "" : joined;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw WtcraftException.fatal("cannot read " + file + ": " + e.getMessage());
        }
    }

    static String resourceText(String resource) {
        try (InputStream in = AgentScaffold.class.getResourceAsStream("/dev/wtcraft/scaffold/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing scaffold resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
