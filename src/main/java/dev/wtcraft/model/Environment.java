package dev.wtcraft.model;

import java.util.List;
import java.util.Set;

/**
 * `environment { pass 'LANG', 'JAVA_HOME'; secret 'API_TOKEN' }`: the only variables a task's processes get (beside
 * {@link #BASE} and wtcraft's own `WTCRAFT_*`), and which of them are secrets whose values never reach a file.
 */
public record Environment(List<String> pass, List<String> secrets) {
    /** What every process gets anyway: where programs are, whose it is, the locale and the terminal. */
    public static final Set<String> BASE = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE",
            "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_COLLATE", "LC_NUMERIC", "LC_TIME", "TERM", "TZ", "TMPDIR");

    public Environment {
        pass = List.copyOf(pass);
        secrets = List.copyOf(secrets);
    }

    /** Whether a variable may reach the task's processes. */
    public boolean allows(String name) {
        return BASE.contains(name) || name.startsWith("WTCRAFT_") || pass.contains(name) || secrets.contains(name);
    }
}
