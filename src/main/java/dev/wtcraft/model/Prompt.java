package dev.wtcraft.model;

import java.nio.file.Path;

/** The prompt an engine is given: its text, and the file it was read from (null when written inline). */
public record Prompt(String text, Path source) {
}
