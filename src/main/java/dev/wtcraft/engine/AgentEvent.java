package dev.wtcraft.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One normalized event read from an agent CLI's stream, whatever the CLI. Types: session.started, message,
 * reasoning, command, file.change, tool.call, tool.result, usage, error, permission.denied, finished.
 */
public record AgentEvent(String type, Map<String, Object> data) {

    public static AgentEvent of(String type, Object... keyValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            data.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new AgentEvent(type, data);
    }
}
