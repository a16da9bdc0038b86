package dev.wtcraft.contract;

import java.util.Arrays;
import java.util.Optional;

/** Who is responsible for the task now. */
public enum Role {
    PLANNER, EXECUTOR, VERIFIER, FINISHER, NONE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(text)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Role::wire).toList());
    }
}
