package dev.wtcraft.contract;

import dev.wtcraft.io.AtomicFiles;
import dev.wtcraft.io.JsonText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes `.worktree-state.json` in the v1 layout: `{` and `}` on their own lines, one field per line.
 * Any other layout, or a value of the wrong kind, is an invalid state file, and it is never overwritten.
 */
public final class StateCodec {
    static final List<String> FIELDS = List.of("schema_version", "task_id", "stage", "role", "agent", "status",
            "attempt", "handoff_from", "handoff_to", "check_result", "checked", "check_snapshot",
            "verify_result", "verified", "verify_snapshot", "created_at", "updated_at");
    private static final Set<String> KNOWN = Set.copyOf(FIELDS);

    private StateCodec() {
    }

    /** The state next to a contract, or empty when there is no state file. */
    public static Optional<TaskState> read(Path stateFile) {
        return TaskFileReader.readIfPresent(stateFile, "state file").map(text -> decode(stateFile, text));
    }

    static TaskState decode(Path file, String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.size() < 2 || !lines.get(0).equals("{") || !lines.get(lines.size() - 1).equals("}")) {
            throw invalid(file, "expected '{' and '}' on lines of their own, one field per line");
        }
        Map<String, Object> node;
        try {
            node = JsonText.parseFlatObject(text);
        } catch (JsonText.NotFlatObject e) {
            throw invalid(file, e.getMessage());
        }
        if (node.size() != lines.size() - 2) {
            throw invalid(file, "expected exactly one field per line");
        }
        for (String field : FIELDS) {
            if (!node.containsKey(field)) {
                throw invalid(file, "missing field '" + field + "'");
            }
        }
        if (!(node.get("schema_version") instanceof Long version) || version != TaskState.SCHEMA_VERSION) {
            throw invalid(file, "unsupported schema_version " + node.get("schema_version"));
        }
        String stageText = text(file, node, "stage");
        Stage stage = stageText == null ? Stage.PLANNED : Stage.parse(stageText)
                .orElseThrow(() -> invalid(file, "unknown stage '" + stageText + "' (one of " + Stage.names() + ")"));
        String roleText = text(file, node, "role");
        Role role = roleText == null ? Role.NONE : Role.parse(roleText)
                .orElseThrow(() -> invalid(file, "unknown role '" + roleText + "' (one of " + Role.names() + ")"));
        if (!(node.get("attempt") instanceof Long attempt) || attempt < 0 || attempt > Integer.MAX_VALUE) {
            throw invalid(file, "attempt must be a non-negative integer");
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        node.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                extras.put(k, v);
            }
        });
        return new TaskState(text(file, node, "task_id"), stage, role, text(file, node, "agent"),
                text(file, node, "status"), attempt.intValue(), text(file, node, "handoff_from"),
                text(file, node, "handoff_to"), text(file, node, "check_result"), text(file, node, "checked"),
                text(file, node, "check_snapshot"), text(file, node, "verify_result"), text(file, node, "verified"),
                text(file, node, "verify_snapshot"), text(file, node, "created_at"), text(file, node, "updated_at"),
                extras);
    }

    private static String text(Path file, Map<String, Object> node, String field) {
        Object v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw invalid(file, "field '" + field + "' must be a string or null");
        }
        return s;
    }

    public static String encode(TaskState s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("schema_version", TaskState.SCHEMA_VERSION);
        fields.put("task_id", s.taskId());
        fields.put("stage", s.stage().wire());
        fields.put("role", s.role().wire());
        fields.put("agent", s.agent());
        fields.put("status", s.status());
        fields.put("attempt", s.attempt());
        fields.put("handoff_from", s.handoffFrom());
        fields.put("handoff_to", s.handoffTo());
        fields.put("check_result", s.checkResult());
        fields.put("checked", s.checked());
        fields.put("check_snapshot", s.checkSnapshot());
        fields.put("verify_result", s.verifyResult());
        fields.put("verified", s.verified());
        fields.put("verify_snapshot", s.verifySnapshot());
        fields.put("created_at", s.createdAt());
        fields.put("updated_at", s.updatedAt());
        fields.putAll(s.extras());
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            out.append("  ").append(JsonText.write(e.getKey())).append(": ").append(JsonText.write(e.getValue()));
            out.append(++i < fields.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }

    public static void write(Path stateFile, TaskState state) {
        AtomicFiles.write(stateFile, encode(state));
    }

    static TaskFileException invalid(Path file, String why) {
        return new TaskFileException(TaskFileException.Problem.FORGED, file, "invalid state file: " + file + ": " + why);
    }
}
