package dev.wtcraft.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool's input: its JSON Schema as clients read it, and the kinds {@link Args} checks the arguments against. */
final class Schema {
    enum Kind { STRING, STRINGS, INTEGER, BOOLEAN, OBJECTS }

    final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    final List<String> required = new ArrayList<>();

    static Schema of() {
        return new Schema();
    }

    Schema string(String name, String description) {
        return add(name, Kind.STRING, Map.of("type", "string", "description", description));
    }

    Schema strings(String name, String description) {
        return add(name, Kind.STRINGS, Map.of("type", "array", "items", Map.of("type", "string"), "description", description));
    }

    Schema integer(String name, String description) {
        return add(name, Kind.INTEGER, Map.of("type", "integer", "description", description));
    }

    Schema bool(String name, String description) {
        return add(name, Kind.BOOLEAN, Map.of("type", "boolean", "description", description));
    }

    /** An array of objects with these properties (each given as a property schema), of which name is required. */
    Schema objects(String name, String description, Map<String, Object> itemProperties) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "object");
        item.put("properties", itemProperties);
        item.put("required", List.of("name"));
        item.put("additionalProperties", false);
        return add(name, Kind.OBJECTS, Map.of("type", "array", "items", item, "description", description));
    }

    Schema required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    private Schema add(String name, Kind kind, Map<String, Object> property) {
        kinds.put(name, kind);
        properties.put(name, property);
        return this;
    }

    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "object");
        doc.put("properties", properties);
        doc.put("required", required);
        doc.put("additionalProperties", false);
        return doc;
    }
}
