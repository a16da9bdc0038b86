package dev.wtcraft.contract;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads `.worktree-task.md` exactly as the original wtcraft does (spec/wtcraft-compat.md). */
public final class ContractParser {
    private static final Pattern HEADING = Pattern.compile("^##[ \\t]+(.*?)[ \\t]*$");
    private static final Pattern CHECKBOX = Pattern.compile("^\\s*- \\[[ xX]\\] (.*)$");

    private ContractParser() {
    }

    public static TaskContract read(Path file) {
        return parse(file, TaskFileReader.read(file, "task file"));
    }

    public static TaskContract parse(Path file, String text) {
        String[] lines = text.split("\r?\n", -1);
        Map<String, String> front = new LinkedHashMap<>();
        int body = 0;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            int end = -1;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.strip().equals("---")) {
                    end = i;
                    break;
                }
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || line.substring(0, colon).isBlank()) {
                    throw malformed(file, "malformed front matter in " + file + " line " + (i + 1)
                            + ": expected 'key: value', found '" + line.strip() + "'");
                }
                front.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
            if (end < 0) {
                throw malformed(file, "malformed front matter in " + file
                        + ": the opening '---' on line 1 has no closing '---' line");
            }
            body = end + 1;
        }
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
        for (int i = body; i < lines.length; i++) {
            String line = lines[i];
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String title = heading.group(1);
                inVerification = title.equals("Verification");
                current = switch (title) {
                    case "Scope" -> scope;
                    case "Off-limits" -> offLimits;
                    default -> null;
                };
                continue;
            }
            if (inVerification) {
                Matcher box = CHECKBOX.matcher(line);
                if (box.matches()) {
                    String command = box.group(1).replace("`", "").strip();
                    if (!command.isEmpty()) {
                        verification.add(command);
                    }
                }
            } else if (current != null) {
                String item = patternItem(line);
                if (item != null) {
                    current.add(item);
                }
            }
        }
        return new TaskContract(file, front, scope, offLimits, verification);
    }

    private static TaskFileException malformed(Path file, String message) {
        return new TaskFileException(TaskFileException.Problem.MALFORMED, file, message);
    }

    /** A Scope/Off-limits line as an item: leading `- ` and every backtick stripped; null for no item. */
    static String patternItem(String line) {
        String t = line.stripLeading();
        if (t.isEmpty() || t.startsWith("#")) {
            return null;
        }
        if (t.startsWith("- ")) {
            t = t.substring(2);
        }
        t = t.replace("`", "").stripTrailing();
        return t.isEmpty() ? null : t;
    }
}
