package dev.wtcraft.recipetest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * How `wtcraft test` runs its tests.
 *
 * @param base     what file names are shown relative to
 * @param env      the environment the runs start from
 * @param progress where each test's line goes (and the runs' own lines, when verbose)
 * @param keep     keep each scratch repository (its path is printed and in the report)
 */
public record TestOptions(Path base, Map<String, String> env, PrintStream progress, boolean verbose, boolean keep) {
}
