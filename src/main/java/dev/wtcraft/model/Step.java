package dev.wtcraft.model;

import java.time.Duration;

/** One verification command, with its own timeout (null: no limit). */
public record Step(String command, Duration timeout) {
}
