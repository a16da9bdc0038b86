package dev.wtcraft.scope;

/** What a task broke. The wire names are the protocol's. */
public enum ViolationKind {
    SPECIFICATION_CHANGED("specification_changed"),
    LOCAL_TASK_FILE("local_task_file"),
    SCOPE("scope"),
    OFF_LIMITS("off_limits"),
    /** A changed path that is a symlink leading outside the worktree. */
    PATH_ESCAPE("path_escape"),
    /** A changed .gitattributes or .gitmodules, or a submodule pointer, that Scope does not name exactly. */
    GIT_METADATA("git_metadata"),
    /** A change inside the git directory (hooks, config, other refs) made while the task's engine ran. */
    GIT_INTERNALS("git_internals");

    private final String wire;

    ViolationKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
