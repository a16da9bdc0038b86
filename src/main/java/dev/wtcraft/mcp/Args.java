package dev.wtcraft.mcp;

import java.util.List;
import java.util.Map;

/** A tool call's arguments, checked against its {@link Schema}: an unknown name or a wrong type is refused by name. */
final class Args {
    /** Arguments that do not fit the tool's schema. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    static Args of(Schema schema, Map<String, Object> arguments) {
        Map<String, Object> values = arguments == null ? Map.of() : arguments;
        for (var e : values.entrySet()) {
            Schema.Kind kind = schema.kinds.get(e.getKey());
            if (kind == null) {
                throw new Invalid("unknown argument '" + e.getKey() + "'" + (schema.kinds.isEmpty() ? " (this tool takes none)"
                        : " (it takes " + String.join(", ", schema.kinds.keySet()) + ")"));
            }
            Object v = e.getValue();
            boolean fits = v == null || switch (kind) {
                case STRING -> v instanceof String;
                case STRINGS -> v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String);
                case INTEGER -> v instanceof Integer || v instanceof Long
                        || v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
                case BOOLEAN -> v instanceof Boolean;
                case OBJECTS -> v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Map);
            };
            if (!fits) {
                throw new Invalid("argument '" + e.getKey() + "' must be " + switch (kind) {
                    case STRING -> "a string";
                    case STRINGS -> "an array of strings";
                    case INTEGER -> "an integer";
                    case BOOLEAN -> "true or false";
                    case OBJECTS -> "an array of objects";
                });
            }
        }
        for (String r : schema.required) {
            if (values.get(r) == null) {
                throw new Invalid("argument '" + r + "' is required");
            }
        }
        return new Args(values);
    }

    String string(String name) {
        return (String) values.get(name);
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
        Object v = values.get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    /** An array of objects, or null when not given. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> objects(String name) {
        return (List<Map<String, Object>>) values.get(name);
    }

    Integer integer(String name) {
        return values.get(name) instanceof Number n ? n.intValue() : null;
    }

    boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }
}
