package dev.wtcraft.task;

import java.util.List;

/**
 * What a maintainer approved for one task, as the merge gate reads it from {@code refs/heads/wtcraft-policy}: the task,
 * the branch its pull request comes from, the base commit it was approved against, the paths it may change (Scope),
 * those it must not (Off-limits), its verification plan, and until when the approval holds. One `key: value` per
 * line, lists as repeated keys, so the gate reads it with nothing but bash.
 */
public record PolicyEnvelope(String taskId, String headRef, String baseSha, List<String> allow, List<String> offLimits,
                             List<String> verification, String approvedAt, String validUntil) {
    public static final String REF = "refs/heads/wtcraft-policy";

    public PolicyEnvelope {
        allow = List.copyOf(allow);
        offLimits = List.copyOf(offLimits);
        verification = List.copyOf(verification);
    }

    /** Where the envelope of a branch lives in the policy ref's tree. */
    public static String pathFor(String headRef) {
        return "tasks/" + headRef + ".policy";
    }

    public String encode() {
        StringBuilder b = new StringBuilder("# wtcraft policy envelope v1\n");
        b.append("task: ").append(taskId).append('\n');
        b.append("head_ref: ").append(headRef).append('\n');
        b.append("base_sha: ").append(baseSha).append('\n');
        b.append("approved_at: ").append(approvedAt).append('\n');
        b.append("valid_until: ").append(validUntil).append('\n');
        allow.forEach(p -> b.append("allow: ").append(p).append('\n'));
        offLimits.forEach(p -> b.append("off_limits: ").append(p).append('\n'));
        verification.forEach(c -> b.append("verify: ").append(c).append('\n'));
        return b.toString();
    }
}
