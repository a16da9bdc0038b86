package dev.wtcraft.contract;

/**
 * The state-file extras of the sign-off (the schema allows extra fields and keeps them): which run made the task,
 * where it lands, its review and its landing. One place for the names, read by status, review and finish.
 */
public final class SignOff {
    public static final String RUN_ID = "run_id";
    public static final String LAND_ON = "land_on";
    public static final String REVIEW_REQUIRED = "review_required";
    public static final String REVIEW_RESULT = "review_result";
    public static final String REVIEW_SUMMARY = "review_summary";
    public static final String REVIEW_SNAPSHOT = "review_snapshot";
    public static final String REVIEWED = "reviewed";
    public static final String REVIEWER = "reviewer";
    public static final String LANDED_COMMIT = "landed_commit";
    public static final String LANDED_INTO = "landed_into";
    public static final String LANDED_STRATEGY = "landed_strategy";
    public static final String LANDED_AT = "landed_at";

    private SignOff() {
    }

    /** Whether the task may finish only with an approving review. */
    public static boolean reviewRequired(TaskState s) {
        return "true".equals(s.extra(REVIEW_REQUIRED));
    }
}
