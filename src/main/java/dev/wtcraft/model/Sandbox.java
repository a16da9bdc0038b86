package dev.wtcraft.model;

import java.util.List;

/**
 * A task's operating-system sandbox, as the recipe (`sandbox { }`) or the contract's `## Sandbox` declares it.
 *
 * @param filesystem what the task's processes may write
 * @param network    false: no network at all, not even 127.0.0.1
 * @param writable   more paths the processes may write (`~` is the user's home)
 * @param hidden     more paths they may not see at all, beside the standard secret directories
 * @param required   false: where no sandbox can start, run without one (and say so in the ledger)
 */
public record Sandbox(Filesystem filesystem, boolean network, List<String> writable, List<String> hidden,
                      boolean required) {
    public Sandbox {
        writable = List.copyOf(writable);
        hidden = List.copyOf(hidden);
    }

    /** What may be written: nothing, the worktree (and a private temp dir), or everything but the git directory. */
    public enum Filesystem {
        READ_ONLY("read-only"), WORKSPACE_WRITE("workspace-write"), FULL("full");

        private final String wire;

        Filesystem(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Filesystem of(String wire) {
            for (Filesystem f : values()) {
                if (f.wire.equals(wire)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The contract's `## Sandbox` lines: what the task runs inside, in words an agent reads. */
    public List<String> contractLines() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("filesystem: " + filesystem.wire());
        lines.add("network: " + (network ? "on" : "off"));
        writable.forEach(w -> lines.add("writable: " + w));
        hidden.forEach(h -> lines.add("hidden: " + h));
        if (!required) {
            lines.add("required: no (runs without a sandbox where none can start)");
        }
        return lines;
    }

    /** Secret directories no task sees, under the user's home. */
    public static final List<String> STANDARD_HIDDEN = List.of("~/.ssh", "~/.aws", "~/.config/gh", "~/.gnupg",
            "~/.netrc", "~/.kube", "~/.docker", "~/.azure", "~/.config/gcloud", "~/.git-credentials",
            "~/.npmrc", "~/.pypirc", "~/.config/wtcraft");
}
