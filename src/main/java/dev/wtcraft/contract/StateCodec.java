package dev.wtcraft.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FIELDS = List.of("schema_version", "task_id", "stage", "role", "agent", "status",
            "attempt", "handoff_from", "handoff_to", "check_result", "checked", "check_snapshot",
            "verify_result", "verified", "verify_snapshot", "created_at", "updated_at");
    private static final Set<String> KNOWN = Set.copyOf(FIELDS);

    private StateCodec() {
    }

    /** The state next to a contract, or empty when there is no state file. */
    public static Optional<TaskState> read(Path stateFile) {
        String text;
        try {
            text = Files.readString(stateFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw invalid(stateFile, e.getMessage());
        }
        return Optional.of(decode(stateFile, text));
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
        ObjectNode node;
        try {
            JsonNode parsed = JSON.readTree(text);
            if (!(parsed instanceof ObjectNode object)) {
                throw invalid(file, "not a JSON object");
            }
            node = object;
        } catch (JsonProcessingException e) {
            throw invalid(file, "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node.size() != lines.size() - 2) {
            throw invalid(file, "expected exactly one field per line");
        }
        for (String field : FIELDS) {
            if (!node.has(field)) {
                throw invalid(file, "missing field '" + field + "'");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (value.isContainerNode()) {
                throw invalid(file, "field values must be strings, integers, booleans or null");
            }
        }
        if (!node.get("schema_version").isInt() || node.get("schema_version").intValue() != TaskState.SCHEMA_VERSION) {
            throw invalid(file, "unsupported schema_version " + node.get("schema_version"));
        }
        String stageText = text(file, node, "stage");
        Stage stage = stageText == null ? Stage.PLANNED : Stage.parse(stageText)
                .orElseThrow(() -> invalid(file, "unknown stage '" + stageText + "' (one of " + Stage.names() + ")"));
        String roleText = text(file, node, "role");
        Role role = roleText == null ? Role.NONE : Role.parse(roleText)
                .orElseThrow(() -> invalid(file, "unknown role '" + roleText + "' (one of " + Role.names() + ")"));
        JsonNode attempt = node.get("attempt");
        if (!attempt.isInt() || attempt.intValue() < 0) {
            throw invalid(file, "attempt must be a non-negative integer");
        }
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!KNOWN.contains(e.getKey())) {
                extras.put(e.getKey(), e.getValue());
            }
        });
        return new TaskState(text(file, node, "task_id"), stage, role, text(file, node, "agent"),
                text(file, node, "status"), attempt.intValue(), text(file, node, "handoff_from"),
                text(file, node, "handoff_to"), text(file, node, "check_result"), text(file, node, "checked"),
                text(file, node, "check_snapshot"), text(file, node, "verify_result"), text(file, node, "verified"),
                text(file, node, "verify_snapshot"), text(file, node, "created_at"), text(file, node, "updated_at"),
                extras);
    }

    private static String text(Path file, ObjectNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(file, "field '" + field + "' must be a string or null");
        }
        return v.textValue();
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
            try {
                out.append("  ").append(JSON.writeValueAsString(e.getKey())).append(": ")
                        .append(JSON.writeValueAsString(e.getValue()));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            out.append(++i < fields.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }

    public static void write(Path stateFile, TaskState state) {
        AtomicFiles.write(stateFile, encode(state));
    }

    static WtcraftException invalid(Path file, String why) {
        return WtcraftException.fatal("invalid state file: " + file + ": " + why);
    }
}
