package dev.wtcraft.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An engine a task can name: the built-in shell (a command line), an agent CLI with its settings, or a replay.
 *
 * @param launch   what starts it: a command line, or an agent CLI's executable with extra arguments and variables
 * @param timeout  how long one engine run may take, or null for the task's or no limit
 * @param settings an agent CLI's settings that wtcraft hands over in the CLI's own terms
 * @param replay   for a replay engine, what it plays back; null otherwise
 */
public record EngineSpec(String name, EngineKind kind, Launch launch, Duration timeout, Settings settings,
                         Replay replay, SourceLocation location) {
    public EngineSpec {
        launch = launch == null ? Launch.NONE : launch;
        settings = settings == null ? Settings.NONE : settings;
    }

    /** The built-in shell engine running {@code command}. */
    public static EngineSpec shell(String name, String command, Duration timeout, SourceLocation location) {
        return new EngineSpec(name, EngineKind.SHELL, new Launch(command, null, List.of(), Map.of()), timeout,
                Settings.NONE, null, location);
    }

    /** An engine of {@code kind} with its defaults: nothing declared beyond its name. */
    public static EngineSpec bare(String name, EngineKind kind, Duration timeout, SourceLocation location) {
        return new EngineSpec(name, kind, Launch.NONE, timeout, Settings.NONE, null, location);
    }

    /** A replay engine playing back {@code replay}. */
    public static EngineSpec replay(String name, Replay replay, SourceLocation location) {
        return new EngineSpec(name, EngineKind.REPLAY, Launch.NONE, null, Settings.NONE, replay, location);
    }

    /**
     * What starts the engine's process.
     *
     * @param command the shell engine's command line; null for agent CLIs
     * @param binary  an agent CLI's executable, or null for the default on PATH
     * @param args    extra arguments for an agent CLI, after the ones wtcraft gives
     * @param env     variables added to an agent CLI's environment
     */
    public record Launch(String command, String binary, List<String> args, Map<String, String> env) {
        public static final Launch NONE = new Launch(null, null, List.of(), Map.of());

        public Launch {
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }

    public String command() {
        return launch.command();
    }

    public String binary() {
        return launch.binary();
    }

    public List<String> args() {
        return launch.args();
    }

    public Map<String, String> env() {
        return launch.env();
    }

    public String model() {
        return settings.model();
    }

    public Integer maxTurns() {
        return settings.maxTurns();
    }

    /**
     * A replay engine's recording: which CLI's stream it is, and the exit code to report.
     *
     * @param recording the recorded stream (one JSON object a line), or the bundle when {@code bundle}
     * @param as        the CLI whose parser reads the stream (SHELL: a shell engine's stdout lines, from a bundle)
     * @param bundle    whether {@code recording} is a bundle of `wtcraft export`, whose change is applied too
     * @param task        for a task of a recorded run replayed as it is in the ledger: its name, {@code recording}
     *                    then being the run's ledger directory; null otherwise
     * @param sha256      what is replayed, as a digest (the file's; a recorded task's stream and change), so a
     *                    resumed run sees when it changed
     */
    public record Replay(java.nio.file.Path recording, EngineKind as, int exitCode, boolean bundle, String task,
                         String sha256) {
    }

    /**
     * @param model              the model the CLI uses, or null for its default
     * @param maxTurns           how many turns the CLI may take, or null for its default
     * @param reasoning          how hard the model thinks, or null for the CLI's default
     * @param sandbox            Codex's own sandbox level, or null for the one the task's boundary gives
     * @param mcp                MCP servers the CLI starts or connects to
     * @param appendSystemPrompt text added to the CLI's system prompt, or null
     */
    public record Settings(String model, Integer maxTurns, Reasoning reasoning, SandboxLevel sandbox, List<Mcp> mcp,
                           String appendSystemPrompt) {
        public static final Settings NONE = new Settings(null, null, null, null, List.of(), null);

        public Settings {
            mcp = List.copyOf(mcp);
        }
    }

    /** Reasoning effort, one word for every CLI; each CLI takes the levels it has (see dsl-docs/engines.md). */
    public enum Reasoning {
        MINIMAL, LOW, MEDIUM, HIGH, XHIGH, MAX;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Codex's sandbox levels (`codex exec -s`). */
    public enum SandboxLevel {
        READ_ONLY, WORKSPACE_WRITE, DANGER_FULL_ACCESS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One MCP server: a command the CLI starts (stdio), or a URL it connects to (streamable HTTP).
     *
     * @param command null for a URL server
     * @param url     null for a command server
     */
    public record Mcp(String name, String command, List<String> args, Map<String, String> env, String url) {
        public Mcp {
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }
}
