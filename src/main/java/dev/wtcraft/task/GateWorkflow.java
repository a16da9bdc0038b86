package dev.wtcraft.task;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.wtcraft.io.AtomicFiles;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `init-ci`: the merge-time gate. A `pull_request_target` workflow that checks out the trusted base, fetches the pull
 * request's head and the policy ref as data only, and runs the evaluator committed in the base on their diff.
 * Nothing from the pull request is checked out or executed, and nothing is installed at check time.
 */
public final class GateWorkflow {
    public static final String WORKFLOW = ".github/workflows/wtcraft-gate.yml";
    public static final String EVALUATOR = ".wtcraft/gate/evaluate.sh";
    /** The check's name, to be made required on the base branch. */
    public static final String CHECK_NAME = "wtcraft-gate";

    private GateWorkflow() {
    }

    /** The evaluator the workflow runs, as this version ships it. */
    public static String evaluator() {
        return AgentScaffold.resourceText("gate/evaluate.sh");
    }

    /** Writes the workflow and the evaluator; a changed copy is kept unless {@code force}. */
    public static Map<String, AgentScaffold.FileState> install(Path root, boolean force) {
        Map<String, AgentScaffold.FileState> out = new LinkedHashMap<>();
        out.put(WORKFLOW, put(root.resolve(WORKFLOW), workflow(), force));
        out.put(EVALUATOR, put(root.resolve(EVALUATOR), evaluator(), force));
        try {
            Path script = root.resolve(EVALUATOR);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            // the workflow runs it with bash, so the bit is a convenience
        }
        return out;
    }

    private static AgentScaffold.FileState put(Path file, String text, boolean force) {
        if (Files.exists(file)) {
            if (AgentScaffold.read(file).equals(text)) {
                return AgentScaffold.FileState.UP_TO_DATE;
            }
            if (!force) {
                return AgentScaffold.FileState.DRIFTED;
            }
            AtomicFiles.write(file, text);
            return AgentScaffold.FileState.REPLACED;
        }
        AtomicFiles.write(file, text);
        return AgentScaffold.FileState.WRITTEN;
    }

    /** What a repository administrator must do by hand: the gate only binds once these are set. */
    public static List<String> adminSteps() {
        return List.of(
                "Protect refs/heads/wtcraft-policy: only maintainers may push it (a branch ruleset or protection rule"
                        + " restricting updates, no force pushes, no deletion). Envelopes are pushed with"
                        + " 'git push origin refs/heads/wtcraft-policy' after 'wtcraft policy approve <task>'.",
                "Require the status check '" + CHECK_NAME + "' on the base branch (branch protection: require status"
                        + " checks to pass before merging).",
                "Make " + WORKFLOW + " and " + EVALUATOR + " owned by maintainers (CODEOWNERS with required reviews),"
                        + " so that changing the gate itself needs their review.",
                "Commit and merge both files to the base branch: pull_request_target runs the base's copy, never the"
                        + " pull request's.");
    }

    static String workflow() {
        StringWriter text = new StringWriter();
        text.write("# wtcraft merge gate (wtcraft init-ci). Judges a pull request's diff against the task's approved\n"
                + "# policy envelope on refs/heads/wtcraft-policy, from the trusted base checkout: the head is fetched as\n"
                + "# git data and never checked out or run, and nothing is installed. Evidence: the wtcraft-gate-evidence artifact.\n");
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .build();
        try (JsonGenerator y = factory.createGenerator(text)) {
            y.writeStartObject();
            y.writeStringField("name", "wtcraft gate");
            y.writeObjectFieldStart("on");
            y.writeObjectFieldStart("pull_request_target");
            y.writeArrayFieldStart("types");
            for (String t : List.of("opened", "synchronize", "reopened", "edited")) {
                y.writeString(t);
            }
            y.writeEndArray();
            y.writeEndObject();
            y.writeEndObject();
            y.writeObjectFieldStart("permissions");
            y.writeStringField("contents", "read");
            y.writeEndObject();
            y.writeObjectFieldStart("jobs");
            y.writeObjectFieldStart("gate");
            y.writeStringField("name", CHECK_NAME);
            y.writeStringField("runs-on", "ubuntu-latest");
            y.writeNumberField("timeout-minutes", 10);
            y.writeArrayFieldStart("steps");
            step(y, "Check out the base (trusted)", "actions/checkout@v4", Map.of(
                    "ref", "${{ github.event.pull_request.base.sha }}", "fetch-depth", "0"), null, null, null);
            step(y, "Fetch the pull request head and the policy, as data", null, null,
                    Map.of("PR_NUMBER", "${{ github.event.pull_request.number }}"),
                    "git fetch --no-tags origin \"+refs/pull/${PR_NUMBER}/head:refs/wtcraft/head\"\n"
                            + "git fetch --no-tags origin \"+refs/heads/wtcraft-policy:refs/wtcraft/policy\" || echo \"no policy ref yet\"\n",
                    null);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("WTCRAFT_BASE_SHA", "${{ github.event.pull_request.base.sha }}");
            env.put("WTCRAFT_HEAD_SHA", "${{ github.event.pull_request.head.sha }}");
            env.put("WTCRAFT_HEAD_REF", "${{ github.event.pull_request.head.ref }}");
            env.put("WTCRAFT_HEAD_REPO", "${{ github.event.pull_request.head.repo.full_name }}");
            env.put("WTCRAFT_BASE_REPO", "${{ github.repository }}");
            env.put("WTCRAFT_POLICY_REF", "refs/wtcraft/policy");
            env.put("WTCRAFT_EVIDENCE", "wtcraft-gate.json");
            step(y, "Judge the diff against the policy envelope", null, null, env, "bash " + EVALUATOR + "\n", null);
            Map<String, String> upload = new LinkedHashMap<>();
            upload.put("name", "wtcraft-gate-evidence");
            upload.put("path", "wtcraft-gate.json");
            upload.put("if-no-files-found", "warn");
            step(y, "Keep the evidence", "actions/upload-artifact@v4", upload, null, null, "always()");
            y.writeEndArray();
            y.writeEndObject();
            y.writeEndObject();
            y.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void step(JsonGenerator y, String name, String uses, Map<String, String> with,
                             Map<String, String> env, String run, String condition) throws IOException {
        y.writeStartObject();
        y.writeStringField("name", name);
        if (condition != null) {
            y.writeStringField("if", condition);
        }
        if (uses != null) {
            y.writeStringField("uses", uses);
        }
        if (with != null) {
            y.writeObjectFieldStart("with");
            for (var e : new java.util.TreeMap<>(with).entrySet()) {
                y.writeStringField(e.getKey(), e.getValue());
            }
            y.writeEndObject();
        }
        if (env != null) {
            y.writeObjectFieldStart("env");
            for (var e : env.entrySet()) {
                y.writeStringField(e.getKey(), e.getValue());
            }
            y.writeEndObject();
        }
        if (run != null) {
            y.writeStringField("run", run);
        }
        y.writeEndObject();
    }
}
