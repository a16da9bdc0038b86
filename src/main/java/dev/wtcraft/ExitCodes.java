package dev.wtcraft;

/** Every exit code wtcraft can return; README.md documents the same table. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Fatal: bad input, not a repository, missing contract, unparsable state, usage error. */
    public static final int FATAL = 1;
    /** check found violations. */
    public static final int VIOLATIONS = 2;
    /** verify ran and at least one command failed. */
    public static final int VERIFY_FAILED = 3;

    private ExitCodes() {
    }
}
