package dev.wtcraft.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluated recipe as bytes and back: every record of the model, field by field, so that a recipe whose result
 * depends on nothing but its files can be planned without running Groovy (see RecipeCache). A format change bumps
 * {@link #VERSION}; an entry of another version is not read.
 */
public final class RecipeCodec {
    public static final int VERSION = 5;

    private RecipeCodec() {
    }

    public static void write(Recipe r, DataOutputStream out) throws IOException {
        out.writeInt(VERSION);
        path(out, r.file());
        out.writeUTF(r.sha256());
        Defaults d = r.defaults();
        str(out, d.base());
        duration(out, d.timeout());
        integer(out, d.attempts());
        out.writeBoolean(d.parallel());
        integer(out, d.jobs());
        out.writeBoolean(d.stopOnFailure());
        budget(out, d.budget());
        budget(out, d.taskBudget());
        review(out, d.review());
        sandbox(out, d.sandbox());
        environment(out, d.environment());
        policy(out, d.policy());
        out.writeInt(r.engines().size());
        for (EngineSpec e : r.engines().values()) {
            engine(out, e);
        }
        out.writeInt(r.tasks().size());
        for (TaskDef t : r.tasks()) {
            task(out, t);
        }
        out.writeInt(r.libraries().size());
        for (LibraryPin p : r.libraries()) {
            out.writeUTF(p.name());
            out.writeUTF(p.source());
            out.writeUTF(p.ref());
            out.writeUTF(p.commit());
            out.writeUTF(p.sha256());
        }
    }

    public static Recipe read(DataInputStream in) throws IOException {
        if (in.readInt() != VERSION) {
            throw new IOException("another version of the recipe cache");
        }
        Path file = path(in);
        String sha = in.readUTF();
        Defaults d = new Defaults(str(in), duration(in), integer(in), in.readBoolean(), integer(in), in.readBoolean(),
                budget(in), budget(in), review(in), sandbox(in),
                environment(in), policy(in));
        Map<String, EngineSpec> engines = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            EngineSpec e = engine(in);
            engines.put(e.name(), e);
        }
        List<TaskDef> tasks = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            tasks.add(task(in));
        }
        List<LibraryPin> libraries = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            libraries.add(new LibraryPin(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF()));
        }
        return new Recipe(file, sha, d, engines, tasks, libraries);
    }

    private static void task(DataOutputStream out, TaskDef t) throws IOException {
        out.writeUTF(t.name());
        str(out, t.engine());
        prompt(out, t.prompt());
        strings(out, t.scope());
        strings(out, t.offLimits());
        duration(out, t.timeout());
        out.writeInt(t.verify().size());
        for (Step s : t.verify()) {
            out.writeUTF(s.command());
            duration(out, s.timeout());
        }
        strings(out, t.dependsOn());
        str(out, t.base());
        integer(out, t.attempts());
        str(out, t.group());
        budget(out, t.budget());
        review(out, t.review());
        out.writeBoolean(t.noReview());
        sandbox(out, t.sandbox());
        out.writeBoolean(t.noSandbox());
        environment(out, t.environment());
        policy(out, t.policy());
        location(out, t.location());
        out.writeInt(t.keywordLocations().size());
        for (Map.Entry<String, SourceLocation> e : new java.util.TreeMap<>(t.keywordLocations()).entrySet()) {
            out.writeUTF(e.getKey());
            location(out, e.getValue());
        }
    }

    private static TaskDef task(DataInputStream in) throws IOException {
        String name = in.readUTF();
        String engine = str(in);
        Prompt prompt = prompt(in);
        List<String> scope = strings(in);
        List<String> offLimits = strings(in);
        Duration timeout = duration(in);
        List<Step> verify = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            verify.add(new Step(in.readUTF(), duration(in)));
        }
        List<String> dependsOn = strings(in);
        String base = str(in);
        Integer attempts = integer(in);
        String group = str(in);
        Budget budget = budget(in);
        Review review = review(in);
        boolean noReview = in.readBoolean();
        Sandbox sandbox = sandbox(in);
        boolean noSandbox = in.readBoolean();
        Environment environment = environment(in);
        Policy policy = policy(in);
        SourceLocation location = location(in);
        Map<String, SourceLocation> keywords = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            keywords.put(in.readUTF(), location(in));
        }
        return new TaskDef(name, engine, prompt, scope, offLimits, timeout, verify, dependsOn, base, attempts, group,
                budget, review, noReview, sandbox, noSandbox, environment, policy, location, keywords);
    }

    private static void engine(DataOutputStream out, EngineSpec e) throws IOException {
        out.writeUTF(e.name());
        out.writeUTF(e.kind().name());
        str(out, e.command());
        str(out, e.binary());
        str(out, e.model());
        strings(out, e.args());
        out.writeInt(e.env().size());
        for (Map.Entry<String, String> v : new java.util.TreeMap<>(e.env()).entrySet()) {
            out.writeUTF(v.getKey());
            out.writeUTF(v.getValue());
        }
        duration(out, e.timeout());
        integer(out, e.maxTurns());
        out.writeBoolean(e.replay() != null);
        if (e.replay() != null) {
            path(out, e.replay().recording());
            out.writeUTF(e.replay().as().name());
            out.writeInt(e.replay().exitCode());
        }
        location(out, e.location());
    }

    private static EngineSpec engine(DataInputStream in) throws IOException {
        String name = in.readUTF();
        EngineKind kind = EngineKind.valueOf(in.readUTF());
        String command = str(in);
        String binary = str(in);
        String model = str(in);
        List<String> args = strings(in);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            env.put(in.readUTF(), in.readUTF());
        }
        Duration timeout = duration(in);
        Integer maxTurns = integer(in);
        EngineSpec.Replay replay = in.readBoolean()
                ? new EngineSpec.Replay(path(in), EngineKind.valueOf(in.readUTF()), in.readInt()) : null;
        return new EngineSpec(name, kind, command, binary, model, args, env, timeout, maxTurns, replay, location(in));
    }

    private static void review(DataOutputStream out, Review r) throws IOException {
        out.writeBoolean(r != null);
        if (r != null) {
            out.writeUTF(r.engine());
            prompt(out, r.prompt());
            out.writeBoolean(r.required());
            duration(out, r.timeout());
            location(out, r.location());
        }
    }

    private static Review review(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Review(in.readUTF(), prompt(in), in.readBoolean(), duration(in), location(in)) : null;
    }

    private static void sandbox(DataOutputStream out, Sandbox s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s.filesystem().name());
            out.writeBoolean(s.network());
            strings(out, s.writable());
            strings(out, s.hidden());
            out.writeBoolean(s.required());
        }
    }

    private static Sandbox sandbox(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Sandbox(Sandbox.Filesystem.valueOf(in.readUTF()), in.readBoolean(), strings(in),
                strings(in), in.readBoolean()) : null;
    }

    private static void environment(DataOutputStream out, Environment e) throws IOException {
        out.writeBoolean(e != null);
        if (e != null) {
            strings(out, e.pass());
            strings(out, e.secrets());
        }
    }

    private static Environment environment(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Environment(strings(in), strings(in)) : null;
    }

    private static void policy(DataOutputStream out, Policy p) throws IOException {
        out.writeBoolean(p != null);
        if (p != null) {
            strings(out, p.allow());
            strings(out, p.ask());
            strings(out, p.deny());
        }
    }

    private static Policy policy(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Policy(strings(in), strings(in), strings(in)) : null;
    }

    private static void prompt(DataOutputStream out, Prompt p) throws IOException {
        out.writeBoolean(p != null);
        if (p != null) {
            longText(out, p.text());
            out.writeBoolean(p.source() != null);
            if (p.source() != null) {
                path(out, p.source());
            }
        }
    }

    private static Prompt prompt(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String text = longText(in);
        return new Prompt(text, in.readBoolean() ? path(in) : null);
    }

    private static void location(DataOutputStream out, SourceLocation l) throws IOException {
        out.writeBoolean(l != null);
        if (l != null) {
            path(out, l.file());
            out.writeUTF(l.display());
            out.writeInt(l.line());
            out.writeInt(l.column());
        }
    }

    private static SourceLocation location(DataInputStream in) throws IOException {
        return in.readBoolean() ? new SourceLocation(path(in), in.readUTF(), in.readInt(), in.readInt()) : null;
    }

    private static void budget(DataOutputStream out, Budget b) throws IOException {
        out.writeBoolean(b != null);
        if (b != null) {
            out.writeBoolean(b.tokens() != null);
            if (b.tokens() != null) {
                out.writeLong(b.tokens());
            }
            out.writeBoolean(b.usd() != null);
            if (b.usd() != null) {
                out.writeDouble(b.usd());
            }
        }
    }

    private static Budget budget(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        Long tokens = in.readBoolean() ? in.readLong() : null;
        return new Budget(tokens, in.readBoolean() ? in.readDouble() : null);
    }

    private static void strings(DataOutputStream out, List<String> items) throws IOException {
        out.writeInt(items.size());
        for (String s : items) {
            out.writeUTF(s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            longText(out, s);
        }
    }

    private static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? longText(in) : null;
    }

    /** Text of any length (writeUTF stops at 64 KB; a prompt file can be longer). */
    private static void longText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String longText(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("bad text length " + n);
        }
        return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void path(DataOutputStream out, Path p) throws IOException {
        longText(out, p.toString());
    }

    private static Path path(DataInputStream in) throws IOException {
        return Path.of(longText(in));
    }

    private static void duration(DataOutputStream out, Duration d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            out.writeLong(d.toMillis());
        }
    }

    private static Duration duration(DataInputStream in) throws IOException {
        return in.readBoolean() ? Duration.ofMillis(in.readLong()) : null;
    }

    private static void integer(DataOutputStream out, Integer i) throws IOException {
        out.writeBoolean(i != null);
        if (i != null) {
            out.writeInt(i);
        }
    }

    private static Integer integer(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }
}
