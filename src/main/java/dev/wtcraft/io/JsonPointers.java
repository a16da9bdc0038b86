package dev.wtcraft.io;

import java.util.List;
import java.util.Map;

/** Where a value sits inside a parsed JSON document (maps and lists, as {@link JsonText#parse} returns), as an RFC 6901 pointer. */
public final class JsonPointers {
    private JsonPointers() {
    }

    /** A pointer to the string {@code value} inside {@code tree} (the very instance, else an equal one), or null. */
    public static String find(Object tree, String value) {
        java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
        if (!find(tree, value, true, path) && !find(tree, value, false, path)) {
            return null;
        }
        StringBuilder pointer = new StringBuilder();
        path.forEach(token -> pointer.append('/').append(escape(token)));
        return pointer.toString();
    }

    /** Whether the value is under {@code node}; if so, its path's tokens are pushed, the innermost first. */
    private static boolean find(Object node, String value, boolean identity, java.util.Deque<String> path) {
        if (node instanceof String s) {
            return identity ? s == value : s.equals(value);
        }
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (find(e.getValue(), value, identity, path)) {
                    path.push(String.valueOf(e.getKey()));
                    return true;
                }
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                if (find(l.get(i), value, identity, path)) {
                    path.push(Integer.toString(i));
                    return true;
                }
            }
        }
        return false;
    }

    /** The value the pointer names inside {@code tree}, or null when it names nothing there. */
    public static Object at(Object tree, String pointer) {
        if (pointer.isEmpty()) {
            return tree;
        }
        if (!pointer.startsWith("/")) {
            return null;
        }
        Object node = tree;
        for (String token : pointer.substring(1).split("/", -1)) {
            String key = token.replace("~1", "/").replace("~0", "~");
            if (node instanceof Map<?, ?> m) {
                node = m.get(key);
            } else if (node instanceof List<?> l && key.matches("0|[1-9][0-9]{0,8}") && Integer.parseInt(key) < l.size()) {
                node = l.get(Integer.parseInt(key));
            } else {
                return null;
            }
        }
        return node;
    }

    private static String escape(String key) {
        return key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : key.replace("~", "~0").replace("/", "~1");
    }
}
