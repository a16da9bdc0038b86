package dev.wtcraft.process;

import java.util.ArrayList;
import java.util.List;

/** Turns a command line into tokens for {@link ShellWords}, collecting the text of every command substitution on the way. */
final class ShellLexer {
    /** A word, an operator (`;`, `&&`, `(`, a newline ...), a redirection, or an arithmetic command `((...))`. */
    record Token(Kind kind, String op, ShellWords.Word word) {
        enum Kind { WORD, OP, REDIRECT, ARITHMETIC }

        boolean isOp(String o) {
            return kind == Kind.OP && op.equals(o);
        }
    }

    private final String s;
    private int pos;
    final List<String> substitutions = new ArrayList<>();
    String problem;
    private final List<String[]> heredocs = new ArrayList<>(); // delimiter, quoted?, strip tabs?

    ShellLexer(String s) {
        this.s = s;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (problem == null) {
            skipBlanks();
            if (pos >= s.length()) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                pos++;
                out.add(new Token(Token.Kind.OP, "\n", null));
                readHeredocs();
            } else if (s.startsWith("((", pos)) {
                int end = closing(pos + 2, 2);
                if (end < 0) {
                    problem = "an arithmetic command '((' is not closed";
                    break;
                }
                scanDoubleQuoted(s.substring(pos + 2, end - 1));
                pos = end + 1;
                out.add(new Token(Token.Kind.ARITHMETIC, null, null));
            } else if ((c == '<' || c == '>') && pos + 1 < s.length() && s.charAt(pos + 1) == '(') {
                out.add(new Token(Token.Kind.WORD, null, word()));
            } else if (redirection(out)) {
                // an operator that sends input or output somewhere: its target follows as a word
            } else if (";&|()".indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.OP, operator(), null));
            } else {
                out.add(new Token(Token.Kind.WORD, null, word()));
            }
        }
        return out;
    }

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }

    private String operator() {
        for (String op : List.of(";;&", ";;", ";&", "&&", "||", "|&", ";", "&", "|", "(", ")")) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        throw new IllegalStateException("no operator at " + pos);
    }

    /** `2>&1`, `>>file`, `<<EOF`, `&>out`, `<<<word` ...: true (and the token added) when one starts here. */
    private boolean redirection(List<Token> out) {
        int at = pos;
        while (at < s.length() && Character.isDigit(s.charAt(at))) {
            at++; // a file descriptor: 2>&1
        }
        boolean digits = at > pos;
        for (String op : List.of("&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "<", ">")) {
            if (s.startsWith(op, at) && !(digits && op.startsWith("&"))) {
                pos = at + op.length();
                out.add(new Token(Token.Kind.REDIRECT, op, null));
                if (op.equals("<<") || op.equals("<<-")) {
                    skipBlanks();
                    int start = pos;
                    ShellWords.Word delimiter = word();
                    heredocs.add(new String[]{delimiter.text(), Boolean.toString(s.substring(start, pos).matches(".*['\"\\\\].*")),
                            Boolean.toString(op.equals("<<-"))});
                    out.add(new Token(Token.Kind.WORD, null, delimiter));
                }
                return true;
            }
        }
        return false;
    }

    /** The bodies of the here-documents opened on the line that just ended; an unquoted one expands. */
    private void readHeredocs() {
        for (String[] h : heredocs) {
            StringBuilder body = new StringBuilder();
            while (pos < s.length()) {
                int end = s.indexOf('\n', pos);
                String line = s.substring(pos, end < 0 ? s.length() : end);
                pos = end < 0 ? s.length() : end + 1;
                if ((Boolean.parseBoolean(h[2]) ? line.replaceFirst("^\t+", "") : line).equals(h[0])) {
                    break;
                }
                body.append(line).append('\n');
            }
            if (!Boolean.parseBoolean(h[1])) {
                scanDoubleQuoted(body.toString());
            }
        }
        heredocs.clear();
    }

    /** One word, up to an unquoted blank or operator. */
    private ShellWords.Word word() {
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        boolean expands = false;
        boolean globs = false;
        int braces = 0;
        while (pos < s.length() && problem == null) {
            char c = s.charAt(pos);
            if ((c == '<' || c == '>') && pos + 1 < s.length() && s.charAt(pos + 1) == '(') {
                int end = closing(pos + 2, 1);
                if (end < 0) {
                    problem = "a process substitution '" + c + "(' is not closed";
                    break;
                }
                substitutions.add(s.substring(pos + 2, end));
                text.append(s, pos, end + 1);
                expands = true;
                pos = end + 1;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || ";&|()<>".indexOf(c) >= 0) {
                break;
            }
            if (c == '\\') {
                if (pos + 1 < s.length()) {
                    if (s.charAt(pos + 1) != '\n') {
                        text.append(s.charAt(pos + 1));
                        quoted = true;
                    }
                    pos += 2;
                } else {
                    pos++;
                }
            } else if (c == '\'') {
                int end = s.indexOf('\'', pos + 1);
                if (end < 0) {
                    problem = "a ' quote is not closed";
                    break;
                }
                text.append(s, pos + 1, end);
                quoted = true;
                pos = end + 1;
            } else if (c == '"') {
                pos++;
                expands |= doubleQuoted(text, '"');
                quoted = true;
            } else if (c == '$' && pos + 1 < s.length() && s.charAt(pos + 1) == '\'') {
                pos += 2;
                text.append(ansiC());
                quoted = true;
            } else if (c == '$' && pos + 1 < s.length() && s.charAt(pos + 1) == '"') {
                pos++; // a translated string: the same as a double-quoted one here
            } else if (c == '$' || c == '`') {
                expands |= expansion(text);
            } else {
                if (c == '*' || c == '?' || c == '[') {
                    globs = true;
                } else if (c == '{') {
                    braces++;
                } else if (c == '}' && braces > 0 && (text.indexOf(",") >= 0 || text.indexOf("..") >= 0)) {
                    globs = true; // a brace list: one word becomes several
                }
                text.append(c);
                pos++;
            }
        }
        return new ShellWords.Word(text.toString(), quoted, expands, globs);
    }

    /** After an opening quote: up to the closing one (or the end, for a here-document); true if it expands. */
    private boolean doubleQuoted(StringBuilder text, char close) {
        boolean expands = false;
        while (pos < s.length() && problem == null) {
            char c = s.charAt(pos);
            if (c == close) {
                pos++;
                return expands;
            }
            if (c == '\\' && pos + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(pos + 1)) >= 0) {
                if (s.charAt(pos + 1) != '\n') {
                    text.append(s.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '$' || c == '`') {
                expands |= expansion(text);
            } else {
                text.append(c);
                pos++;
            }
        }
        if (close != 0 && problem == null) {
            problem = "a \" quote is not closed";
        }
        return expands;
    }

    /** Substitutions in text read as between double quotes (a here-document, an arithmetic expression). */
    private void scanDoubleQuoted(String text) {
        ShellLexer inner = new ShellLexer(text);
        inner.doubleQuoted(new StringBuilder(), (char) 0);
        substitutions.addAll(inner.substitutions);
        if (problem == null && inner.problem != null) {
            problem = inner.problem;
        }
    }

    /** `$name`, `${...}`, `$(...)`, `$((...))` or a backquoted command at pos: kept as written; true if it expands. */
    private boolean expansion(StringBuilder text) {
        int start = pos;
        char c = s.charAt(pos);
        if (c == '`') {
            StringBuilder inner = new StringBuilder();
            pos++;
            while (pos < s.length() && s.charAt(pos) != '`') {
                if (s.charAt(pos) == '\\' && pos + 1 < s.length() && "$`\\".indexOf(s.charAt(pos + 1)) >= 0) {
                    pos++;
                }
                inner.append(s.charAt(pos++));
            }
            if (pos >= s.length()) {
                problem = "a ` quote is not closed";
                return true;
            }
            pos++;
            substitutions.add(inner.toString());
        } else if (s.startsWith("$((", pos)) {
            int end = closing(pos + 3, 2);
            if (end < 0) {
                problem = "an arithmetic expansion '$((' is not closed";
                return true;
            }
            scanDoubleQuoted(s.substring(pos + 3, end - 1));
            pos = end + 1;
        } else if (s.startsWith("$(", pos)) {
            int end = closing(pos + 2, 1);
            if (end < 0) {
                problem = "a command substitution '$(' is not closed";
                return true;
            }
            substitutions.add(s.substring(pos + 2, end));
            pos = end + 1;
        } else if (s.startsWith("${", pos)) {
            int end = s.indexOf('}', pos + 2);
            if (end < 0) {
                problem = "a parameter expansion '${' is not closed";
                return true;
            }
            scanDoubleQuoted(s.substring(pos + 2, end));
            pos = end + 1;
        } else {
            pos++;
            int name = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (pos == name && pos < s.length() && "@*#?$!-0123456789".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos == name) {
                text.append('$'); // a lone dollar sign is itself
                return false;
            }
        }
        text.append(s, start, pos);
        return true;
    }

    /**
     * The index of the parenthesis that closes one opened just before {@code from} ({@code count} of them: 2
     * for `))`), skipping quotes and escapes; -1 when none does.
     */
    private int closing(int from, int count) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                i = s.indexOf('\'', i + 1);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '"') {
                for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth > 0) {
                    depth--;
                } else if (count == 1) {
                    return i;
                } else if (i + 1 < s.length() && s.charAt(i + 1) == ')') {
                    return i + 1;
                } else {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The body of `$'...'` with its escapes decoded, pos after the closing quote. */
    private String ansiC() {
        StringBuilder out = new StringBuilder();
        while (pos < s.length() && s.charAt(pos) != '\'') {
            char c = s.charAt(pos++);
            if (c != '\\' || pos >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'e', 'E' -> out.append('\u001b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'x' -> out.append((char) number(16, 2));
                case 'u' -> out.append((char) number(16, 4));
                case 'U' -> out.appendCodePoint(number(16, 8));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    pos--;
                    out.append((char) number(8, 3));
                }
                default -> out.append(e); // \\ \' \" \? and anything else: the character itself
            }
        }
        if (pos >= s.length()) {
            problem = "a $' quote is not closed";
        } else {
            pos++;
        }
        return out.toString();
    }

    private int number(int radix, int max) {
        int value = 0;
        int n = 0;
        while (n < max && pos < s.length() && Character.digit(s.charAt(pos), radix) >= 0) {
            value = value * radix + Character.digit(s.charAt(pos++), radix);
            n++;
        }
        return value;
    }
}
