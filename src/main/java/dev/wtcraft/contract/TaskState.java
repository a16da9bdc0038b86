package dev.wtcraft.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * `.worktree-state.json`, schema 1: the seventeen fields in their order, plus any extra fields another
 * writer added (kept and written back after ours).
 */
public record TaskState(String taskId, Stage stage, Role role, String agent, String status, int attempt,
                        String handoffFrom, String handoffTo,
                        String checkResult, String checked, String checkSnapshot,
                        String verifyResult, String verified, String verifySnapshot,
                        String createdAt, String updatedAt, Map<String, Object> extras) {

    public static final int SCHEMA_VERSION = 1;

    public TaskState {
        extras = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** The state `new` writes: planned, waiting for an executor. */
    public static TaskState planned(String taskId, String agent, Instant now) {
        String ts = timestamp(now);
        return new TaskState(taskId, Stage.PLANNED, Role.EXECUTOR, agent, "ready", 0, null, null,
                null, null, null, null, null, null, ts, ts, Map.of());
    }

    /** UTC, second precision: 2026-11-21T05:33:37Z. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** An extra field's text, or null. */
    public String extra(String key) {
        Object v = extras.get(key);
        return v == null ? null : v.toString();
    }

    public Builder edit() {
        return new Builder(this);
    }

    /** Ready = check and verify both passed on the current snapshot. */
    public boolean readyAt(String snapshot) {
        return "pass".equals(checkResult) && "pass".equals(verifyResult)
                && snapshot.equals(checkSnapshot) && snapshot.equals(verifySnapshot);
    }

    /** Stale = some recorded evidence was taken on other contents than the current ones. */
    public boolean staleAt(String snapshot) {
        return (checkSnapshot != null && !checkSnapshot.equals(snapshot))
                || (verifySnapshot != null && !verifySnapshot.equals(snapshot));
    }

    /** A copy-and-change helper: records are immutable, and seventeen-argument calls are unreadable. */
    public static final class Builder {
        private String taskId;
        private Stage stage;
        private Role role;
        private String agent;
        private String status;
        private int attempt;
        private String handoffFrom;
        private String handoffTo;
        private String checkResult;
        private String checked;
        private String checkSnapshot;
        private String verifyResult;
        private String verified;
        private String verifySnapshot;
        private String createdAt;
        private String updatedAt;
        private final Map<String, Object> extras;

        private Builder(TaskState s) {
            taskId = s.taskId;
            stage = s.stage;
            role = s.role;
            agent = s.agent;
            status = s.status;
            attempt = s.attempt;
            handoffFrom = s.handoffFrom;
            handoffTo = s.handoffTo;
            checkResult = s.checkResult;
            checked = s.checked;
            checkSnapshot = s.checkSnapshot;
            verifyResult = s.verifyResult;
            verified = s.verified;
            verifySnapshot = s.verifySnapshot;
            createdAt = s.createdAt;
            updatedAt = s.updatedAt;
            extras = new LinkedHashMap<>(s.extras);
        }

        public Builder stage(Stage v) {
            stage = v;
            status = v == Stage.DONE ? "done" : "ready";
            return this;
        }

        public Builder status(String v) {
            status = v;
            return this;
        }

        public Builder role(Role v) {
            role = v;
            return this;
        }

        public Builder agent(String v) {
            agent = v;
            return this;
        }

        public Builder attempt(int v) {
            attempt = v;
            return this;
        }

        public Builder handoffFrom(String v) {
            handoffFrom = v;
            return this;
        }

        public Builder handoffTo(String v) {
            handoffTo = v;
            return this;
        }

        public Builder check(String result, String at, String snapshot) {
            checkResult = result;
            checked = at;
            checkSnapshot = snapshot;
            return this;
        }

        public Builder verify(String result, String at, String snapshot) {
            verifyResult = result;
            verified = at;
            verifySnapshot = snapshot;
            return this;
        }

        /** An extra field (the schema allows them): null removes it. */
        public Builder extra(String key, Object value) {
            if (value == null) {
                extras.remove(key);
            } else {
                extras.put(key, value);
            }
            return this;
        }

        public TaskState build(Instant now) {
            updatedAt = timestamp(now);
            return new TaskState(taskId, stage, role, agent, status, attempt, handoffFrom, handoffTo,
                    checkResult, checked, checkSnapshot, verifyResult, verified, verifySnapshot,
                    createdAt, updatedAt, extras);
        }
    }
}
