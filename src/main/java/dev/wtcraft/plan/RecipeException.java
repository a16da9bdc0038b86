package dev.wtcraft.plan;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.model.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * A mistake in a recipe, reported as `wtcraft.groovy:LINE:COL: message` followed by the offending line and a
 * caret. Nothing has been created when one is thrown.
 */
public class RecipeException extends WtcraftException {
    private final SourceLocation location;
    private final String detail;

    public RecipeException(SourceLocation location, String detail) {
        super(ExitCodes.FATAL, location + ": " + detail);
        this.location = location;
        this.detail = detail;
    }

    public SourceLocation location() {
        return location;
    }

    public String detail() {
        return detail;
    }

    /** The first line of the message, then the code frame when the line is known. */
    public String render() {
        StringBuilder out = new StringBuilder(getMessage());
        codeFrame().forEach(l -> out.append('\n').append(l));
        return out.toString();
    }

    List<String> codeFrame() {
        if (!location.known() || location.file() == null) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(location.file(), StandardCharsets.UTF_8);
            if (location.line() > lines.size() + 1) {
                return List.of();
            }
            // one past the last line is where an unclosed block ends: show it as the empty end of the file
            String text = location.line() > lines.size() ? "" : lines.get(location.line() - 1).replace('\t', ' ');
            String number = String.valueOf(location.line());
            String gutter = " ".repeat(number.length());
            int col = Math.max(1, Math.min(location.column(), text.length() + 1));
            return List.of(" " + number + " | " + text, " " + gutter + " | " + " ".repeat(col - 1) + "^");
        } catch (IOException e) {
            return List.of();
        }
    }
}
