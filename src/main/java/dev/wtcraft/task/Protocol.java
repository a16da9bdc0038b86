package dev.wtcraft.task;

import java.util.LinkedHashMap;
import java.util.Map;

/** The machine protocol's shared fields (version 1, as the original wtcraft prints them; see docs/contract.md). */
public final class Protocol {
    public static final int VERSION = 1;

    private Protocol() {
    }

    public static Map<String, Object> header(String command, boolean ok) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("protocol_version", VERSION);
        doc.put("command", command);
        doc.put("ok", ok);
        return doc;
    }

    /** The fatal-error object: {"protocol_version":1,"command":...,"ok":false,"error":{"code":1,"message":...}}. */
    public static Map<String, Object> error(String command, int code, String message) {
        Map<String, Object> doc = header(command, false);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        doc.put("error", error);
        return doc;
    }
}
