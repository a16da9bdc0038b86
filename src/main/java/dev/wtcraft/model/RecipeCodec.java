package dev.wtcraft.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An evaluated recipe as bytes and back, so that a recipe whose result depends on nothing but its files can be
 * planned without running Groovy (see RecipeCache). Walked from the model's records themselves: every component of
 * every record, in declaration order, so a field added to the model is carried without being listed here. The
 * {@link #SHAPE} of the records (their names and component types) is part of the cache key: an entry written for
 * another shape is never read.
 */
public final class RecipeCodec {
    /** The byte layout of values; bump it when {@link #write(DataOutputStream, Type, Object)} changes. */
    public static final int VERSION = 6;
    /** The model's records as this build declares them, for the cache key. */
    public static final String SHAPE = shape(Recipe.class, new TreeMap<>());

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private RecipeCodec() {
    }

    public static void write(Recipe r, DataOutputStream out) throws IOException {
        out.writeInt(VERSION);
        write(out, Recipe.class, r);
    }

    public static Recipe read(DataInputStream in) throws IOException {
        if (in.readInt() != VERSION) {
            throw new IOException("another version of the recipe cache");
        }
        return (Recipe) read(in, Recipe.class);
    }

    private static void write(DataOutputStream out, Type type, Object v) throws IOException {
        Class<?> c = raw(type);
        if (!c.isPrimitive()) {
            out.writeBoolean(v != null);
            if (v == null) {
                return;
            }
        }
        if (c == String.class) {
            text(out, (String) v);
        } else if (c == int.class || c == Integer.class) {
            out.writeInt((Integer) v);
        } else if (c == long.class || c == Long.class) {
            out.writeLong((Long) v);
        } else if (c == double.class || c == Double.class) {
            out.writeDouble((Double) v);
        } else if (c == boolean.class || c == Boolean.class) {
            out.writeBoolean((Boolean) v);
        } else if (c.isEnum()) {
            out.writeUTF(((Enum<?>) v).name());
        } else if (c == Duration.class) {
            out.writeLong(((Duration) v).getSeconds());
            out.writeInt(((Duration) v).getNano());
        } else if (c == Path.class) {
            text(out, v.toString());
        } else if (List.class.isAssignableFrom(c)) {
            List<?> list = (List<?>) v;
            out.writeInt(list.size());
            for (Object item : list) {
                write(out, argument(type, 0), item);
            }
        } else if (Map.class.isAssignableFrom(c)) {
            Map<?, ?> map = (Map<?, ?>) v;
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(out, argument(type, 0), e.getKey());
                write(out, argument(type, 1), e.getValue());
            }
        } else if (c.isRecord()) {
            for (RecordComponent rc : COMPONENTS.get(c)) {
                write(out, rc.getGenericType(), Canonical.component(v, rc));
            }
        } else {
            throw new IOException("no codec for a " + c.getName() + " in the model");
        }
    }

    private static Object read(DataInputStream in, Type type) throws IOException {
        Class<?> c = raw(type);
        if (!c.isPrimitive() && !in.readBoolean()) {
            return null;
        }
        if (c == String.class) {
            return text(in);
        } else if (c == int.class || c == Integer.class) {
            return in.readInt();
        } else if (c == long.class || c == Long.class) {
            return in.readLong();
        } else if (c == double.class || c == Double.class) {
            return in.readDouble();
        } else if (c == boolean.class || c == Boolean.class) {
            return in.readBoolean();
        } else if (c.isEnum()) {
            return enumValue(c, in.readUTF());
        } else if (c == Duration.class) {
            return Duration.ofSeconds(in.readLong(), in.readInt());
        } else if (c == Path.class) {
            return Path.of(text(in));
        } else if (List.class.isAssignableFrom(c)) {
            int n = count(in);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(read(in, argument(type, 0)));
            }
            return list;
        } else if (Map.class.isAssignableFrom(c)) {
            int n = count(in);
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                map.put(read(in, argument(type, 0)), read(in, argument(type, 1)));
            }
            return map;
        } else if (c.isRecord()) {
            RecordComponent[] components = COMPONENTS.get(c);
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = read(in, components[i].getGenericType());
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> make = c.getDeclaredConstructor(types);
                return make.newInstance(values);
            } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
                throw new IOException("cannot make a " + c.getSimpleName() + ": " + e.getMessage(), e);
            } catch (InvocationTargetException e) {
                throw new IOException("a cached " + c.getSimpleName() + " does not hold: " + e.getCause(), e);
            }
        }
        throw new IOException("no codec for a " + c.getName() + " in the model");
    }

    /** Every record reachable from {@code type}, by name, with its components' generic types, in a stable text. */
    private static String shape(Class<?> type, Map<String, String> seen) {
        collect(type, seen);
        StringBuilder out = new StringBuilder();
        seen.forEach((name, components) -> out.append(name).append(components).append(';'));
        return out.toString();
    }

    private static void collect(Type type, Map<String, String> seen) {
        if (type instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                collect(a, seen);
            }
            return;
        }
        Class<?> c = raw(type);
        if (c.isEnum()) {
            seen.putIfAbsent(c.getName(), List.of(c.getEnumConstants()).toString());
        }
        if (!c.isRecord() || seen.containsKey(c.getName())) {
            return;
        }
        StringBuilder components = new StringBuilder("(");
        for (RecordComponent rc : c.getRecordComponents()) {
            components.append(rc.getName()).append(':').append(rc.getGenericType().getTypeName()).append(',');
        }
        seen.put(c.getName(), components.append(')').toString());
        for (RecordComponent rc : c.getRecordComponents()) {
            collect(rc.getGenericType(), seen);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) throws IOException {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IOException("the model has a raw collection: " + type.getTypeName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) throws IOException {
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            throw new IOException("no " + type.getSimpleName() + " " + name);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("bad count " + n);
        }
        return n;
    }

    /** Text of any length (writeUTF stops at 64 KB; a prompt file can be longer). */
    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("bad text length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
