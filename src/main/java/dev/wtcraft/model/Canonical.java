package dev.wtcraft.model;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model value in its canonical forms, walked from the records themselves so that a field added to the model is
 * part of them without anyone listing it: one text (maps sorted by key), for what a task is, and one tree of plain
 * values (maps, lists, strings, numbers), for the documents that show it. Where something was declared
 * ({@link SourceLocation}) is not part of what it is, and is left out of both.
 */
public final class Canonical {
    private Canonical() {
    }

    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    /** Whether a record component only says where something was declared. */
    public static boolean isLocation(RecordComponent c) {
        return mentionsLocation(c.getGenericType());
    }

    private static boolean mentionsLocation(Type t) {
        if (t == SourceLocation.class) {
            return true;
        }
        if (t instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                if (mentionsLocation(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void write(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Enum<?> e) {
            out.append(e.name());
        } else if (v instanceof Duration || v instanceof Path) {
            write(out, v.toString());
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
            out.append('{');
            sorted.forEach((k, val) -> {
                write(out, k);
                out.append(':');
                write(out, val);
                out.append(',');
            });
            out.append('}');
        } else if (v instanceof Collection<?> c) {
            out.append('[');
            c.forEach(item -> {
                write(out, item);
                out.append(',');
            });
            out.append(']');
        } else if (v.getClass().isRecord()) {
            out.append(v.getClass().getSimpleName()).append('(');
            for (RecordComponent c : v.getClass().getRecordComponents()) {
                if (isLocation(c)) {
                    continue;
                }
                out.append(c.getName()).append('=');
                write(out, component(v, c));
                out.append(',');
            }
            out.append(')');
        } else {
            throw new IllegalArgumentException("no canonical text for a " + v.getClass().getName()
                    + ": give the model a record, an enum or a plain value instead");
        }
    }

    /**
     * The value as plain maps (snake_case keys, in declaration order), lists, strings, numbers and booleans: enums by
     * their lower-case names, a path as text, a duration as whole seconds under its name with `_seconds` added.
     */
    public static Object tree(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (v instanceof Duration d) {
            return d.getSeconds();
        }
        if (v instanceof Path) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), tree(val)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(Canonical::tree).toList();
        }
        if (v.getClass().isRecord()) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (RecordComponent c : v.getClass().getRecordComponents()) {
                if (!isLocation(c)) {
                    String name = snake(c.getName()) + (c.getType() == Duration.class ? "_seconds" : "");
                    out.put(name, tree(component(v, c)));
                }
            }
            return out;
        }
        throw new IllegalArgumentException("no tree for a " + v.getClass().getName());
    }

    public static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A record's component value. */
    public static Object component(Object record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }
}
