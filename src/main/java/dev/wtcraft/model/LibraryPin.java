package dev.wtcraft.model;

/**
 * A recipe library as `wtcraft.lock` pins it.
 *
 * @param name   what the recipe calls it (`acme.standardChecks()`)
 * @param source the git URL or path as the recipe wrote it
 * @param ref    the tag, branch or commit the recipe asked for
 * @param commit the commit the ref resolved to when it was locked
 * @param sha256 the hash of the library's files at that commit (see library/LibraryStore)
 */
public record LibraryPin(String name, String source, String ref, String commit, String sha256) {
    /** The fields by their names, in order: how the lock, the run's ledger and `lib list --json` write a pin. */
    public java.util.Map<String, Object> fields() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        m.put("source", source);
        m.put("ref", ref);
        m.put("commit", commit);
        m.put("sha256", sha256);
        return m;
    }
}
