package dev.wtcraft.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads `.worktree-task.md` exactly as the original wtcraft reads it, line by line (lines end at `\n` only):
 * <ul>
 * <li>front matter: from the first line that is exactly `---` to the next one (or the end of the file); a line
 *     `key: value` gives `key` its first value, the spaces after the colon and at the end dropped; other lines
 *     are passed over;</li>
 * <li>a section starts at `^##[[:space:]]+Scope$` (likewise `Off-limits`, `Verification`), nothing after the word,
 *     and ends at the next `^##[[:space:]]+` line; the whole file is scanned;</li>
 * <li>a Scope or Off-limits item: one leading `^[[:space:]]*-[[:space:]]*` removed, then every backtick, then
 *     trailing whitespace; empty or `#`-led lines are no items;</li>
 * <li>a Verification command: a `^[[:space:]]*-[[:space:]]*\[[ xX]\][[:space:]]+` line without that prefix,
 *     its backticks and its trailing whitespace; empty ones dropped.</li>
 * </ul>
 */
public final class ContractParser {
    /** POSIX [[:space:]] in the C locale; `\z`, not `$`, so a trailing `\r` is not taken for a line end. */
    private static final String SPACE = "[ \\t\\n\\x0B\\f\\r]";
    private static final Pattern ANY_HEADING = Pattern.compile("^##" + SPACE + "+");
    private static final Pattern SECTION = Pattern.compile("^##" + SPACE + "+(Scope|Off-limits|Verification)\\z");
    private static final Pattern ITEM_DASH = Pattern.compile("^" + SPACE + "*-" + SPACE + "*");
    private static final Pattern CHECKBOX = Pattern.compile("^" + SPACE + "*-" + SPACE + "*\\[[ xX]\\]" + SPACE + "+");
    private static final Pattern LEADING = Pattern.compile("^" + SPACE + "+");
    private static final Pattern TRAILING = Pattern.compile(SPACE + "+\\z");
    private static final String FENCE = "---";

    private ContractParser() {
    }

    public static TaskContract read(Path file) {
        return parse(file, TaskFileReader.read(file, "task file"));
    }

    public static TaskContract parse(Path file, String text) {
        String[] lines = text.split("\n", -1);
        Map<String, String> front = frontMatter(lines);
        String stateFile = front.get("state_file");
        if (stateFile != null && !stateFile.isEmpty() && !stateFile.equals(TaskFiles.STATE_FILE)) {
            throw malformed(file, "unsupported state_file '" + stateFile + "' in " + file
                    + ": only " + TaskFiles.STATE_FILE + " is supported");
        }
        List<String> scope = new ArrayList<>();
        List<String> offLimits = new ArrayList<>();
        List<String> verification = new ArrayList<>();
        List<String> current = null;
        boolean inVerification = false;
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            if (section.find()) {
                inVerification = section.group(1).equals("Verification");
                current = switch (section.group(1)) {
                    case "Scope" -> scope;
                    case "Off-limits" -> offLimits;
                    default -> verification;
                };
                continue;
            }
            if (ANY_HEADING.matcher(line).find()) {
                current = null;
                inVerification = false;
                continue;
            }
            if (current == null) {
                continue;
            }
            String value = inVerification ? command(line) : patternItem(line);
            if (value != null) {
                current.add(value);
            }
        }
        return new TaskContract(file, front, scope, offLimits, verification);
    }

    /** The front matter's keys with their first values, in file order. */
    static Map<String, String> frontMatter(String[] lines) {
        Map<String, String> front = new LinkedHashMap<>();
        int open = 0;
        while (open < lines.length && !lines[open].equals(FENCE)) {
            open++;
        }
        for (int i = open + 1; i < lines.length && !lines[i].equals(FENCE); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String value = LEADING.matcher(lines[i].substring(colon + 1)).replaceFirst("");
                front.putIfAbsent(lines[i].substring(0, colon), TRAILING.matcher(value).replaceFirst(""));
            }
        }
        return front;
    }

    /** A Scope/Off-limits line as an item, or null for none. */
    static String patternItem(String line) {
        String t = ITEM_DASH.matcher(line).replaceFirst("");
        t = TRAILING.matcher(t.replace("`", "")).replaceFirst("");
        return t.isEmpty() || t.startsWith("#") ? null : t;
    }

    /** A Verification line as a command, or null when it is no checkbox line (or an empty one). */
    static String command(String line) {
        Matcher box = CHECKBOX.matcher(line);
        if (!box.find()) {
            return null;
        }
        String t = TRAILING.matcher(line.substring(box.end()).replace("`", "")).replaceFirst("");
        return t.isEmpty() ? null : t;
    }

    private static TaskFileException malformed(Path file, String message) {
        return new TaskFileException(TaskFileException.Problem.MALFORMED, file, message);
    }
}
