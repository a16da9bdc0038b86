package dev.wtcraft.model;

/**
 * The `ci { }` block: how `wtcraft ci github` compiles the recipe into a workflow that runs each task in a job of
 * its own.
 *
 * @param runsOn          the runner label every job runs on
 * @param wtcraftUrl      where the jobs download wtcraft's jar from, or null for this version's release
 * @param wtcraftSha256   the SHA-256 that jar must have, or null for the jar that compiles the workflow
 * @param land            whether the workflow ends with a job that lands the ready tasks on their base
 * @param landEnvironment the GitHub environment the landing job runs in (its protection rules gate it), or null
 * @param javaVersion     the Java release the jobs set up
 */
public record CiSettings(String runsOn, String wtcraftUrl, String wtcraftSha256, boolean land, String landEnvironment,
                         String javaVersion) {
    public static final CiSettings DEFAULT = new CiSettings("ubuntu-latest", null, null, true, null, "17");
}
