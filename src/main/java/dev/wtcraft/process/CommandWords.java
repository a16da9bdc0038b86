package dev.wtcraft.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a command line runs, program by program: each simple command of {@link ShellWords} with the program
 * reduced to its name (`/usr/bin/git` is `git`), assignments before it dropped, and the commands that only start
 * another seen through: `env`, `command`, `exec`, `builtin`, `nohup`, `setsid`, `nice`, `ionice`, `time`,
 * `timeout`, `stdbuf`, `sudo`, `doas`, `coproc`, `xargs`, `find -exec`, `flock`, `watch`, `eval`, and shells given
 * a command string (`bash -c '...'`). git's own options before its subcommand (`git -C dir push`) are dropped too.
 */
public final class CommandWords {
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox");

    private CommandWords() {
    }

    /**
     * One command as a policy reads it.
     *
     * @param open more arguments follow that the line does not show (`xargs git`, `find -exec git {} +`)
     */
    public record Command(List<String> words, boolean open) {
        public String text() {
            return String.join(" ", words);
        }
    }

    /** The commands a line runs, and why it cannot be read where it cannot (null when it can). */
    public record Commands(List<Command> commands, String unreadable) {
    }

    public static Commands of(String line) {
        List<Command> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        read(line, 0, out, problems);
        return new Commands(List.copyOf(out), problems.isEmpty() ? null : problems.get(0));
    }

    private static void read(String line, int depth, List<Command> out, List<String> problems) {
        ShellWords.Line parsed = ShellWords.parse(line, depth);
        if (parsed.unreadable() != null) {
            problems.add(parsed.unreadable());
        }
        for (List<ShellWords.Word> words : parsed.commands()) {
            command(words, depth, out, problems);
        }
    }

    /** One simple command: the wrappers in front of it taken off, one by one. */
    private static void command(List<ShellWords.Word> all, int depth, List<Command> out, List<String> problems) {
        List<ShellWords.Word> words = new ArrayList<>(all);
        while (!words.isEmpty() && assignment(words.get(0))) {
            words.remove(0);
        }
        if (words.isEmpty()) {
            return;
        }
        ShellWords.Word first = words.get(0);
        if (!first.literal()) {
            problems.add("the program '" + first.text() + "' is known only once the shell expands it");
            return;
        }
        String program = name(first.text());
        List<ShellWords.Word> rest = words.subList(1, words.size());
        if (depth > 16) {
            problems.add("commands nested too deep");
            return;
        }
        switch (program) {
            case "env" -> env(rest, depth, out, problems);
            case "command", "builtin", "nohup", "coproc", "time", "exec", "setsid", "nice", "ionice", "stdbuf",
                 "sudo", "doas", "timeout", "flock", "chrt", "taskset" -> wrapper(program, rest, depth, out, problems);
            case "xargs" -> xargs(rest, depth, out, problems);
            case "eval" -> string(rest, 0, rest.size(), depth, out, problems, "eval");
            case "watch" -> {
                int i = options(rest, Set.of("-n", "--interval", "-q", "--equexit", "-s", "--shotgun"));
                string(rest, i, rest.size(), depth, out, problems, "watch");
            }
            case "find" -> find(rest, depth, out, problems);
            case "git" -> out.add(new Command(git(rest), false));
            default -> {
                if (SHELLS.contains(program) && shell(program, rest, depth, out, problems)) {
                    return;
                }
                out.add(new Command(texts(program, rest), false));
            }
        }
    }

    /** `env [-i] [-u NAME] [-C DIR] [-S STRING] [NAME=VALUE]... COMMAND`. */
    private static void env(List<ShellWords.Word> rest, int depth, List<Command> out, List<String> problems) {
        int i = 0;
        while (i < rest.size()) {
            ShellWords.Word w = rest.get(i);
            String t = w.text();
            if (!w.literal()) {
                problems.add("env's argument '" + t + "' is known only once the shell expands it");
                return;
            }
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.equals("-S") || t.equals("--split-string") || t.startsWith("--split-string=") || t.startsWith("-S")) {
                String string = t.equals("-S") || t.equals("--split-string")
                        ? (i + 1 < rest.size() ? rest.get(++i).text() : "")
                        : t.substring(t.startsWith("-S") ? 2 : "--split-string=".length());
                StringBuilder line = new StringBuilder(string);
                for (ShellWords.Word more : rest.subList(i + 1, rest.size())) {
                    line.append(' ').append(quote(more.text()));
                }
                read(line.toString(), depth + 1, out, problems);
                return;
            }
            if (t.equals("-u") || t.equals("--unset") || t.equals("-C") || t.equals("--chdir")) {
                i += 2;
            } else if (t.startsWith("-") || assignment(w)) {
                i++;
            } else {
                break;
            }
        }
        command(new ArrayList<>(rest.subList(Math.min(i, rest.size()), rest.size())), depth + 1, out, problems);
    }

    /** A command that starts the one after its options (and, for some, one more argument). */
    private static void wrapper(String program, List<ShellWords.Word> rest, int depth, List<Command> out,
                                List<String> problems) {
        int i = switch (program) {
            case "exec" -> options(rest, Set.of("-a"));
            case "nice" -> options(rest, Set.of("-n", "--adjustment"));
            case "ionice" -> options(rest, Set.of("-c", "-n", "--class", "--classdata"));
            case "stdbuf" -> options(rest, Set.of("-i", "-o", "-e"));
            case "sudo" -> options(rest, Set.of("-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T",
                    "--user", "--group", "--host", "--prompt", "--close-from", "--chdir", "--role", "--type",
                    "--other-user", "--command-timeout"));
            case "doas" -> options(rest, Set.of("-u", "-C"));
            case "timeout" -> skip(options(rest, Set.of("-s", "--signal", "-k", "--kill-after")), rest, 1);
            case "flock" -> {
                int at = options(rest, Set.of("-w", "--timeout", "-E", "--conflict-exit-code"));
                for (int j = 0; j < rest.size(); j++) {
                    if (rest.get(j).text().equals("-c") || rest.get(j).text().equals("--command")) {
                        string(rest, j + 1, Math.min(j + 2, rest.size()), depth, out, problems, "flock -c");
                        yield -1;
                    }
                }
                yield skip(at, rest, 1); // the lock file
            }
            case "chrt" -> skip(options(rest, Set.of()), rest, 1); // the priority
            case "taskset" -> skip(options(rest, Set.of()), rest, 1); // the CPU mask
            default -> options(rest, Set.of());
        };
        if (i >= 0) {
            command(new ArrayList<>(rest.subList(Math.min(i, rest.size()), rest.size())), depth + 1, out, problems);
        }
    }

    /** `xargs [options] [command [initial-arguments]]`: the command gets more arguments from its input. */
    private static void xargs(List<ShellWords.Word> rest, int depth, List<Command> out, List<String> problems) {
        int i = options(rest, Set.of("-a", "-d", "-E", "-e", "-I", "-i", "-L", "-l", "-n", "-P", "-s",
                "--arg-file", "--delimiter", "--eof", "--replace", "--max-lines", "--max-args", "--max-procs", "--max-chars",
                "--process-slot-var"));
        List<Command> inner = new ArrayList<>();
        command(i < rest.size() ? new ArrayList<>(rest.subList(i, rest.size()))
                : List.of(new ShellWords.Word("echo", false, false, false)), depth + 1, inner, problems);
        inner.forEach(c -> out.add(new Command(c.words(), true)));
    }

    /** `find ... -exec COMMAND ... ;` (and -execdir, -ok, -okdir). */
    private static void find(List<ShellWords.Word> rest, int depth, List<Command> out, List<String> problems) {
        out.add(new Command(texts("find", rest), false));
        for (int i = 0; i < rest.size(); i++) {
            String t = rest.get(i).text();
            if (t.equals("-exec") || t.equals("-execdir") || t.equals("-ok") || t.equals("-okdir")) {
                int end = i + 1;
                while (end < rest.size() && !rest.get(end).text().equals(";") && !rest.get(end).text().equals("+")) {
                    end++;
                }
                boolean plus = end < rest.size() && rest.get(end).text().equals("+");
                List<Command> inner = new ArrayList<>();
                command(new ArrayList<>(rest.subList(i + 1, end)), depth + 1, inner, problems);
                inner.forEach(c -> out.add(new Command(c.words(), plus)));
                i = end;
            }
        }
    }

    /**
     * `bash -c STRING`: the string is read as a command line. A shell given a script file runs that file (its
     * name is the command); one given neither reads commands from its input, which nobody can read here.
     */
    private static boolean shell(String program, List<ShellWords.Word> rest, int depth, List<Command> out,
                                 List<String> problems) {
        boolean command = false;
        int i = program.equals("busybox") && !rest.isEmpty() && SHELLS.contains(rest.get(0).text()) ? 1 : 0;
        if (program.equals("busybox") && i == 0) {
            return false; // busybox running another applet: that applet is the command
        }
        while (i < rest.size()) {
            String t = rest.get(i).text();
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!(t.startsWith("-") || t.startsWith("+")) || t.equals("-") || t.equals("+")) {
                break;
            }
            if (t.equals("-o") || t.equals("+o") || t.equals("-O") || t.equals("+O") || t.equals("--rcfile")
                    || t.equals("--init-file")) {
                i += 2;
                continue;
            }
            if (!t.startsWith("--") && t.indexOf('c') > 0) {
                command = true;
            }
            i++;
        }
        if (command) {
            string(rest, i, Math.min(i + 1, rest.size()), depth, out, problems, program + " -c");
            return true;
        }
        boolean asks = rest.stream().anyMatch(w -> w.text().equals("--version") || w.text().equals("--help"));
        if (!asks && (i >= rest.size() || rest.get(i).text().equals("-"))) {
            problems.add(program + " reads the commands it runs from its input");
            return true;
        }
        return false;
    }

    /** The words from..to joined as one command line (as eval does) and read; unreadable if any of them expands. */
    private static void string(List<ShellWords.Word> rest, int from, int to, int depth, List<Command> out,
                               List<String> problems, String what) {
        if (from >= to) {
            problems.add(what + " without a command");
            return;
        }
        StringBuilder line = new StringBuilder();
        for (ShellWords.Word w : rest.subList(from, to)) {
            if (w.expands()) {
                problems.add("what " + what + " runs is known only once the shell expands '" + w.text() + "'");
                return;
            }
            line.append(line.isEmpty() ? "" : " ").append(w.text());
        }
        read(line.toString(), depth + 1, out, problems);
    }

    /** git's options before its subcommand, dropped: `git -C dir -c k=v --no-pager push` is `git push`. */
    private static List<String> git(List<ShellWords.Word> rest) {
        int i = 0;
        while (i < rest.size() && rest.get(i).text().startsWith("-")) {
            String t = rest.get(i).text();
            boolean takesValue = t.equals("-C") || t.equals("-c") || t.equals("--git-dir") || t.equals("--work-tree")
                    || t.equals("--namespace") || t.equals("--super-prefix")
                    || t.equals("--config-env");
            i += takesValue ? 2 : 1;
        }
        return texts("git", rest.subList(Math.min(i, rest.size()), rest.size()));
    }

    /**
     * The index of the first word after a command's options: those in {@code valued} take the next word as their
     * value (or one after `=`, which is a word of its own anyway); anything else starting with `-` is a flag.
     */
    private static int options(List<ShellWords.Word> rest, Set<String> valued) {
        int i = 0;
        while (i < rest.size()) {
            String t = rest.get(i).text();
            if (t.equals("--")) {
                return i + 1;
            }
            if (!t.startsWith("-") || t.equals("-")) {
                return i;
            }
            i += valued.contains(t) ? 2 : 1;
        }
        return i;
    }

    private static int skip(int i, List<ShellWords.Word> rest, int n) {
        return Math.min(i + n, rest.size());
    }

    private static boolean assignment(ShellWords.Word w) {
        String t = w.text();
        int eq = t.indexOf('=');
        return eq > 0 && t.substring(0, eq).replaceFirst("\\+$", "").matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** A program's name: the last part of a path. */
    static String name(String program) {
        int slash = program.lastIndexOf('/');
        return slash >= 0 && slash < program.length() - 1 ? program.substring(slash + 1) : program;
    }

    private static List<String> texts(String program, List<ShellWords.Word> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(program);
        rest.forEach(w -> out.add(w.text()));
        return out;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
