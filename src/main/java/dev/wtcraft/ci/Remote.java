package dev.wtcraft.ci;

import dev.wtcraft.WtcraftException;
import dev.wtcraft.git.GitCli;
import dev.wtcraft.process.Exec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository's `origin`, as CI jobs fetch from and push to it. The check-out leaves no credentials behind
 * (`persist-credentials: false`), so the step that talks to `origin` holds the token in its own environment and
 * hands it to git for that call only, as an HTTP header given through git's `GIT_CONFIG_*` variables: never on a
 * command line, never in a config file an engine could read later. Every call goes through {@link GitCli}, so
 * nothing a task's engine planted in the repository runs.
 */
public final class Remote {
    public static final String TOKEN_VARIABLE = "GITHUB_TOKEN";
    public static final String NAME = "origin";

    /**
     * What every call to `origin` carries after wtcraft's usual hardening: https (and plain files, which run
     * nothing) as the only transports, no credential helper, askpass or ssh command from a config an engine may
     * have written.
     */
    static final List<String> TRANSPORT = List.of("-c", "protocol.https.allow=always", "-c", "protocol.file.allow=always",
            "-c", "credential.helper=", "-c", "core.askPass=false", "-c", "core.sshCommand=false");

    private final GitCli git;
    private final Map<String, String> auth;
    /** The repository's URL from the CI's own variables when it gives them, else the remote's name. */
    private final String target;

    public Remote(Path root, Map<String, String> env) {
        this.git = new GitCli(root);
        String server = env.get("GITHUB_SERVER_URL");
        String repository = env.get("GITHUB_REPOSITORY");
        // on GitHub the repository's address comes from the runner, not from a config file an engine could rewrite
        this.target = server != null && repository != null && server.startsWith("https://")
                ? server.replaceAll("/+$", "") + "/" + repository : NAME;
        this.auth = auth(env, server);
    }

    /**
     * The variables that give git the token as a header for the CI's own server only (GITHUB_SERVER_URL), or none:
     * a remote an engine pointed elsewhere never sees it.
     */
    static Map<String, String> auth(Map<String, String> env, String server) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank() || server == null || !server.startsWith("https://")) {
            return Map.of();
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(server);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        if (uri.getHost() == null) {
            return Map.of();
        }
        dev.wtcraft.ledger.Redaction.secret(TOKEN_VARIABLE, token);
        String basic = Base64.getEncoder().encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
        dev.wtcraft.ledger.Redaction.secret(TOKEN_VARIABLE + " (header)", basic);
        Map<String, String> env2 = new LinkedHashMap<>();
        env2.put("GIT_CONFIG_COUNT", "1");
        env2.put("GIT_CONFIG_KEY_0", "http.https://" + uri.getHost() + "/.extraheader");
        env2.put("GIT_CONFIG_VALUE_0", "AUTHORIZATION: basic " + basic);
        return env2;
    }

    /** The commit each of these refs of `origin` points at; a ref it does not have is absent. */
    public Map<String, String> lookup(List<String> refs) {
        List<String> args = new ArrayList<>(List.of("ls-remote", target));
        args.addAll(refs);
        Exec.Result r = call(args);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.stdoutText().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                out.put(line.substring(tab + 1).strip(), line.substring(0, tab));
            }
        }
        return out;
    }

    /** Fetches these refspecs (`+src:dst`), or fails with git's own first line. */
    public void fetch(List<String> refspecs) {
        if (refspecs.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("fetch", "--no-tags", "--no-write-fetch-head", "--quiet", target));
        args.addAll(refspecs);
        call(args);
    }

    /** Pushes these refspecs, atomically (all or none), or fails with git's own first line. */
    public void push(List<String> refspecs) {
        List<String> args = new ArrayList<>(List.of("push", "--quiet", "--atomic", "--no-verify", target));
        args.addAll(refspecs);
        call(args);
    }

    private Exec.Result call(List<String> args) {
        List<String> all = new ArrayList<>(TRANSPORT);
        all.addAll(args);
        Exec.Result r = git.run(auth, null, all.toArray(String[]::new));
        if (!r.ok()) {
            throw WtcraftException.fatal(dev.wtcraft.ledger.Redaction.apply("git " + args.get(0) + " " + NAME + " failed: "
                    + GitCli.firstLine(r.stderr(), "exit code " + r.exitCode())));
        }
        return r;
    }
}
