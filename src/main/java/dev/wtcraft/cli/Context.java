package dev.wtcraft.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Where a command runs: its working directory, environment and streams (a process's, or a test's). */
public record Context(Path cwd, Map<String, String> env, PrintStream out, PrintStream err) {
}
