package dev.wtcraft.model;

import java.nio.file.Path;

/**
 * Where in a recipe something was declared.
 *
 * @param file    the file, to read the offending line from
 * @param display the name errors show: the recipe's own name, or an include's path relative to the recipe
 * @param line    1-based, 0 when unknown
 * @param column  1-based, 0 when unknown
 */
public record SourceLocation(Path file, String display, int line, int column) {
    public boolean known() {
        return line > 0;
    }

    @Override
    public String toString() {
        return known() ? display + ":" + line + ":" + Math.max(column, 1) : display;
    }
}
