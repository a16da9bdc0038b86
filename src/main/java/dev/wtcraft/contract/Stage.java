package dev.wtcraft.contract;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** A task's lifecycle stage. planned->executing->verifying->(replan->planned | approved->finishing->done). */
public enum Stage {
    PLANNED, EXECUTING, VERIFYING, REPLAN, APPROVED, FINISHING, DONE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Stage> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
    }

    /** The stages this one may move to without --force. */
    public Set<Stage> next() {
        return switch (this) {
            case PLANNED -> Set.of(EXECUTING);
            case EXECUTING -> Set.of(VERIFYING);
            case VERIFYING -> Set.of(REPLAN, APPROVED);
            case REPLAN -> Set.of(PLANNED);
            case APPROVED -> Set.of(FINISHING);
            case FINISHING -> Set.of(DONE);
            case DONE -> Set.of();
        };
    }

    /** Staying put is always allowed; otherwise only the edges of the state machine. */
    public boolean canMoveTo(Stage target) {
        return target == this || next().contains(target);
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Stage::wire).toList());
    }
}
