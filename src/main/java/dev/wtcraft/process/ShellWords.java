package dev.wtcraft.process;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line read as the shell reads it, far enough to know every simple command it runs: words split and
 * unquoted (`'g'it`, `\git` and `"git"` are `git`), lists and pipelines (`;`, `&&`, `||`, `|`, `&`, newlines),
 * subshells and groups, `if`/`while`/`for`/`case` bodies, redirections and here-documents set aside, and the
 * commands inside `$(...)`, backquotes, `<(...)` and unquoted here-documents found too. What the shell would only
 * know after expanding it (a program named by a variable, a glob, a brace list) is marked, so that nobody mistakes
 * it for a known program. Not a shell: aliases, functions called by name and `source`d files are not followed.
 */
public final class ShellWords {
    private static final int MAX_DEPTH = 16;

    private ShellWords() {
    }

    /**
     * One word after quote removal.
     *
     * @param quoted  some of it was quoted or escaped (so it is never a reserved word)
     * @param expands the shell changes it before running it: a parameter, command or arithmetic expansion (their
     *                text is kept as written)
     * @param globs   unquoted `*`, `?`, `[` or a brace list: it may become other words
     */
    public record Word(String text, boolean quoted, boolean expands, boolean globs) {
        /** Whether the shell runs it as it is written. */
        public boolean literal() {
            return !expands && !globs;
        }

        boolean is(String reserved) {
            return !quoted && !expands && text.equals(reserved);
        }
    }

    /** Every simple command of a line (and of the lines it holds), and what could not be read, or null. */
    public record Line(List<List<Word>> commands, String unreadable) {
    }

    public static Line parse(String line) {
        return parse(line, 0);
    }

    static Line parse(String line, int depth) {
        List<List<Word>> commands = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (depth > MAX_DEPTH) {
            return new Line(commands, "commands nested more than " + MAX_DEPTH + " deep");
        }
        ShellLexer lexer = new ShellLexer(line);
        List<ShellLexer.Token> tokens = lexer.tokens();
        if (lexer.problem != null) {
            problems.add(lexer.problem);
        }
        new Structure(tokens, commands, problems).read();
        for (String inner : lexer.substitutions) {
            Line nested = parse(inner, depth + 1);
            commands.addAll(nested.commands());
            if (nested.unreadable() != null) {
                problems.add(nested.unreadable());
            }
        }
        return new Line(commands, problems.isEmpty() ? null : problems.get(0));
    }

    /**
     * Splits tokens into simple commands: reserved words (`if`, `then`, `do`, `{`, `!` ...), loop headers, `case`
     * patterns, `[[ ]]` tests, function names and redirection targets are not commands.
     */
    private static final class Structure {
        private static final List<String> KEYWORDS = List.of("!", "{", "}", "if", "then", "else", "elif", "fi",
                "while", "until", "do", "done", "esac");

        private final List<ShellLexer.Token> tokens;
        private final List<List<Word>> commands;
        private final List<String> problems;
        private int cases;
        private boolean inPattern;

        Structure(List<ShellLexer.Token> tokens, List<List<Word>> commands, List<String> problems) {
            this.tokens = tokens;
            this.commands = commands;
            this.problems = problems;
        }

        void read() {
            List<Word> current = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                ShellLexer.Token t = tokens.get(i);
                if (inPattern) {
                    if (t.kind() == ShellLexer.Token.Kind.WORD && t.word().is("esac")) {
                        cases--;
                        inPattern = false;
                    } else if (t.isOp(")")) {
                        inPattern = false;
                    }
                    continue;
                }
                switch (t.kind()) {
                    case REDIRECT -> {
                        if (i + 1 >= tokens.size() || tokens.get(i + 1).kind() != ShellLexer.Token.Kind.WORD) {
                            problems.add("a redirection '" + t.op() + "' has no target");
                        }
                        i++;
                    }
                    case ARITHMETIC -> { }
                    case OP -> {
                        end(current);
                        current = new ArrayList<>();
                        if (cases > 0 && (t.isOp(";;") || t.isOp(";&") || t.isOp(";;&"))) {
                            inPattern = true;
                        }
                    }
                    case WORD -> {
                        if (current.isEmpty()) {
                            i = start(i);
                            if (i >= tokens.size()) {
                                return;
                            }
                            if (tokens.get(i).kind() != ShellLexer.Token.Kind.WORD || skipped) {
                                skipped = false;
                                continue;
                            }
                        }
                        current.add(tokens.get(i).word());
                    }
                }
            }
            end(current);
        }

        private boolean skipped;

        /**
         * At a command's first word: passes over what is not a command (keywords, a `for` header, `case ... in`,
         * `[[ ... ]]`, `function name`, `name()`), returning the index of the token to take next (skipped set when
         * that token is not a command word).
         */
        private int start(int i) {
            Word w = tokens.get(i).word();
            if (KEYWORDS.stream().anyMatch(w::is)) {
                skipped = true;
                return i;
            }
            if (w.is("for") || w.is("select")) {
                while (i + 1 < tokens.size() && !(tokens.get(i + 1).isOp(";") || tokens.get(i + 1).isOp("\n")
                        || tokens.get(i + 1).kind() == ShellLexer.Token.Kind.WORD && tokens.get(i + 1).word().is("do"))) {
                    i++;
                }
                skipped = true;
                return i;
            }
            if (w.is("case")) {
                while (i + 1 < tokens.size() && !(tokens.get(i + 1).kind() == ShellLexer.Token.Kind.WORD && tokens.get(i + 1).word().is("in"))) {
                    i++;
                }
                cases++;
                inPattern = true;
                skipped = true;
                return i + 1;
            }
            if (w.is("[[")) {
                while (i + 1 < tokens.size() && !(tokens.get(i + 1).kind() == ShellLexer.Token.Kind.WORD && tokens.get(i + 1).word().is("]]"))) {
                    i++;
                }
                skipped = true;
                return i + 1;
            }
            if (w.is("function")) {
                i++; // the name
                if (i + 2 < tokens.size() && tokens.get(i + 1).isOp("(") && tokens.get(i + 2).isOp(")")) {
                    i += 2;
                }
                skipped = true;
                return i;
            }
            if (i + 2 < tokens.size() && tokens.get(i + 1).isOp("(") && tokens.get(i + 2).isOp(")")) {
                skipped = true; // name() { ...; }: a definition; its body is read as commands all the same
                return i + 2;
            }
            return i;
        }

        private void end(List<Word> current) {
            if (!current.isEmpty()) {
                commands.add(List.copyOf(current));
            }
        }
    }
}
