package dev.wtcraft.task;

import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the original wtcraft's `init` left in a repository: its role guides, presets, slash commands, skills, contract
 * template and the pointer blocks it appended to the agent files. `doctor` reports them; `migrate` removes them.
 */
public final class LegacyScaffold {
    static final List<String> FILES = List.of(
            ".agent-harness/planner.md", ".agent-harness/executor.md", ".agent-harness/verifier.md",
            ".agent-harness/finisher.md", ".agent-harness/orchestrator.md", ".agent-harness/task-states.md",
            ".agent-harness/role-models.yml", ".agent-harness/llm-anti-patterns.md",
            ".agent-harness/presets/preset-anthropic.yml", ".agent-harness/presets/preset-balanced.yml",
            ".agent-harness/presets/preset-google.yml", ".agent-harness/presets/preset-openai.yml",
            ".claude/commands/planwt.md", ".claude/commands/statuswt.md", ".claude/commands/finishwt.md",
            ".agents/skills/planwt/SKILL.md", ".agents/skills/statuswt/SKILL.md", ".agents/skills/finishwt/SKILL.md",
            ".gemini/commands/planwt.toml", ".gemini/commands/statuswt.toml", ".gemini/commands/finishwt.toml",
            ".worktree-task.template.md");
    /** The original's pointer blocks: {file, start marker, end marker}. */
    static final List<String[]> MARKERS = List.of(
            new String[] {"CLAUDE.md", "<!-- wtcraft:claude:start -->", "<!-- wtcraft:claude:end -->"},
            new String[] {"AGENTS.md", "<!-- wtcraft:agents:start -->", "<!-- wtcraft:agents:end -->"},
            new String[] {"GEMINI.md", "<!-- wtcraft:gemini:start -->", "<!-- wtcraft:gemini:end -->"});

    private LegacyScaffold() {
    }

    /** The legacy files and pointer blocks present, as repository paths (a block as `FILE (pointer block)`). */
    public static List<String> present(Path root) {
        List<String> out = new ArrayList<>();
        for (String f : FILES) {
            if (Files.isRegularFile(root.resolve(f))) {
                out.add(f);
            }
        }
        for (String[] m : MARKERS) {
            Path file = root.resolve(m[0]);
            if (Files.isRegularFile(file) && AgentScaffold.read(file).contains(m[1])) {
                out.add(m[0] + " (pointer block)");
            }
        }
        return out;
    }

    /** Removes what {@link #present} lists, and the directories that leaves empty; returns what it removed. */
    public static List<String> remove(Path root) {
        List<String> removed = present(root);
        try {
            for (String f : FILES) {
                Path file = root.resolve(f);
                if (Files.deleteIfExists(file)) {
                    pruneEmptyParents(root, file.getParent());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove a legacy file: " + e.getMessage(), e);
        }
        for (String[] m : MARKERS) {
            Path file = root.resolve(m[0]);
            if (Files.isRegularFile(file)) {
                String text = AgentScaffold.read(file);
                String without = AgentScaffold.removeBlock(text, m[1], m[2]);
                if (!without.equals(text)) {
                    AtomicFiles.write(file, without);
                }
            }
        }
        return removed;
    }

    private static void pruneEmptyParents(Path root, Path dir) throws IOException {
        while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }
}
