package dev.wtcraft.mcp;

/**
 * The command line itself, run in this process with `--json`: the MCP tools that mirror a verb go through it, so they
 * call the same service with the same checks and refuse with the same messages as the CLI.
 */
@FunctionalInterface
public interface Verbs {
    Result run(String... args);

    /** What the command printed on stdout (one JSON document) and stderr, and its exit code. */
    record Result(int exitCode, String stdout, String stderr) {
    }
}
