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
    /** An engine failed, timed out, or spent its task's budget (run); the reviewing engine failed (review). */
    public static final int ENGINE_FAILED = 4;
    /** A reviewer requested changes, or gave no clear verdict. */
    public static final int CHANGES_REQUESTED = 5;
    /** finish: the task is not ready (or its base could not be moved); nothing changed. */
    public static final int NOT_READY = 6;
    /** finish: the task's changes conflict with its base; the base is exactly as it was. */
    public static final int CONFLICT = 7;
    /** doctor: this machine cannot enforce a sandbox (tasks that require one will be refused). */
    public static final int NO_SANDBOX = 8;
    /** run: a task's setup failed (a `setup { }` step failed or left files git would see); its engine never started. */
    public static final int SETUP_FAILED = 9;
    /** test: a recipe test failed (an expectation did not hold) or could not run its recipe. */
    public static final int TESTS_FAILED = 10;
    /** A run was interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
