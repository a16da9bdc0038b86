package dev.wtcraft.task;

import dev.wtcraft.contract.ContractParser;
import dev.wtcraft.contract.Role;
import dev.wtcraft.contract.Stage;
import dev.wtcraft.contract.TaskContract;
import dev.wtcraft.contract.TaskFileException;
import dev.wtcraft.contract.TaskFileReader;
import dev.wtcraft.contract.TaskFiles;
import dev.wtcraft.contract.TaskState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A contract planned in the main checkout's root (by an agent following the plan command, or by hand) before its
 * worktree exists. `new` takes it into the worktree as the original tool does: its `branch:`, `created:` and `base:`
 * lines get the task's values, the legacy lifecycle keys move from the front matter into the state file, and the
 * root file is removed.
 */
record PlannedContract(Path file, String text, TaskContract contract) {

    static Optional<PlannedContract> find(Path root) {
        Path file = root.resolve(TaskFiles.TASK_FILE);
        Optional<PlannedContract> planned = TaskFileReader.readIfPresent(file, "planned task file")
                .map(text -> new PlannedContract(file, text, ContractParser.parse(file, text)));
        // a bad lifecycle key stops `new` before anything is created
        planned.ifPresent(p -> p.lifecycle(TaskState.planned("-", null, java.time.Instant.now())));
        return planned;
    }

    /** The text for the worktree: the front matter kept, its three task lines set, its lifecycle keys gone. */
    String textFor(String name, String base, LocalDate today) {
        String[] lines = text.split("\n", -1);
        int open = 0;
        while (open < lines.length && !lines[open].equals("---")) {
            open++;
        }
        List<String> out = new ArrayList<>(List.of(lines).subList(0, Math.min(open + 1, lines.length)));
        int i = open + 1;
        for (; i < lines.length && !lines[i].equals("---"); i++) {
            String key = lines[i].indexOf(':') > 0 ? lines[i].substring(0, lines[i].indexOf(':')) : "";
            if (TaskContract.LEGACY_LIFECYCLE_KEYS.contains(key)) {
                continue;
            }
            out.add(switch (key) {
                case "branch" -> "branch: " + name;
                case "created" -> "created: " + today;
                case "base" -> "base: " + base;
                default -> lines[i];
            });
        }
        for (; i < lines.length; i++) {
            out.add(lines[i]);
        }
        return String.join("\n", out);
    }

    /** The new state with the lifecycle the planned contract's front matter carried. */
    TaskState lifecycle(TaskState fresh) {
        TaskState.Builder b = fresh.edit();
        contract.get("stage").ifPresent(s -> b.stage(Stage.parse(s).orElseThrow(() -> bad("stage", s, Stage.names()))));
        contract.get("role").ifPresent(r -> b.role(Role.parse(r).orElseThrow(() -> bad("role", r, Role.names()))));
        contract.get("agent").ifPresent(b::agent);
        contract.get("status").ifPresent(b::status);
        contract.get("verify_result").ifPresent(v -> b.verify(v, contract.get("verified").orElse(null), null));
        return b.build(java.time.Instant.now());
    }

    private TaskFileException bad(String key, String value, String names) {
        return new TaskFileException(TaskFileException.Problem.MALFORMED, file,
                "unknown " + key + " '" + value + "' in " + file + " (one of " + names + ")");
    }

    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }
}
