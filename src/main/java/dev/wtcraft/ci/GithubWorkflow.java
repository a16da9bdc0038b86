package dev.wtcraft.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.wtcraft.WtcraftException;
import dev.wtcraft.model.CiSettings;
import dev.wtcraft.model.TaskDef;
import dev.wtcraft.plan.Collisions;
import dev.wtcraft.plan.EffectiveTask;
import dev.wtcraft.plan.Plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recipe as one GitHub Actions workflow: a job per task (its dependencies and the tasks its scope can collide with
 * as `needs`), a `collect` job that merges the tasks' ledgers into one run and reports it, and a `land` job that
 * lands what is ready. The workflow is data (maps in the order they are written) until {@link #yaml}.
 */
public final class GithubWorkflow {
    /** Where `wtcraft ci github` writes the workflow by default. */
    public static final String DEFAULT_OUTPUT = ".github/workflows/wtcraft.yml";
    /** GitHub-hosted runners end a job after 6 hours; self-hosted ones after 5 days. */
    static final int HOSTED_LIMIT_MINUTES = 360;
    static final int SELF_HOSTED_LIMIT_MINUTES = 5 * 24 * 60;
    /** What a job needs beside its task's own time: check-out, installing Java and wtcraft, check, push, upload. */
    static final int JOB_OVERHEAD_MINUTES = 10;
    /** The name of the artifact each task job uploads its ledger as: this prefix and the job's id. */
    public static final String LEDGER_ARTIFACT = "wtcraft-ledger-";
    public static final String RUN_ARTIFACT = "wtcraft-run";
    private static final String JAR = "\"$RUNNER_TEMP/wtcraft.jar\"";
    private static final String LEDGER_OUT = "$RUNNER_TEMP/wtcraft-ledger";

    private GithubWorkflow() {
    }

    /** The jar the jobs install: where it is downloaded from and the SHA-256 it must have. */
    public record Install(String url, String sha256, String version) {
    }

    /**
     * @param plan       the whole recipe in run order
     * @param recipe     the recipe's path relative to the repository root, as the jobs name it
     * @param collisions the pairs of tasks that must not run at once
     */
    public static Map<String, Object> compile(Plan plan, String recipe, List<Collisions.Pair> collisions,
                                              Install install) {
        CiSettings ci = plan.recipe().ci();
        Map<String, String> ids = JobIds.of(plan.order());
        Map<String, Object> wf = new LinkedHashMap<>();
        wf.put("name", "wtcraft");
        wf.put("on", Map.of("workflow_dispatch", Map.of()));
        // nothing by default; each job asks for what it needs
        wf.put("permissions", Map.of());
        // a second run of the same ref waits for this one: both would push the same task branches
        wf.put("concurrency", map("group", "wtcraft-${{ github.ref }}", "cancel-in-progress", false));
        wf.put("env", map("WTCRAFT_JAR_URL", install.url(), "WTCRAFT_JAR_SHA256", install.sha256()));
        Map<String, Object> jobs = new LinkedHashMap<>();
        for (TaskDef t : plan.order()) {
            jobs.put(ids.get(t.name()), taskJob(plan, plan.effective(t), recipe, ids, collisions, ci));
        }
        jobs.put("collect", collectJob(ids, ci));
        if (ci.land()) {
            jobs.put("land", landJob(ci));
        }
        wf.put("jobs", jobs);
        return wf;
    }

    private static Map<String, Object> taskJob(Plan plan, EffectiveTask task, String recipe, Map<String, String> ids,
                                               List<Collisions.Pair> collisions, CiSettings ci) {
        TaskDef def = task.def();
        Set<String> needs = new LinkedHashSet<>();
        def.dependsOn().forEach(d -> needs.add(ids.get(d)));
        // a task that can collide with one earlier in plan order waits for it, whatever became of it
        List<String> after = new ArrayList<>();
        for (TaskDef earlier : plan.order()) {
            if (earlier.name().equals(def.name())) {
                break;
            }
            if (collisions.stream().anyMatch(p -> p.involves(earlier.name(), def.name()))
                    && !def.dependsOn().contains(earlier.name())) {
                after.add(ids.get(earlier.name()));
                needs.add(ids.get(earlier.name()));
            }
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", def.name());
        job.put("runs-on", ci.runsOn());
        job.put("timeout-minutes", timeoutMinutes(task, ci));
        if (!needs.isEmpty()) {
            job.put("needs", List.copyOf(needs));
        }
        if (!after.isEmpty()) {
            // a collision edge orders the jobs but does not make this one depend on the other's success
            StringBuilder cond = new StringBuilder("${{ !cancelled()");
            def.dependsOn().forEach(d -> cond.append(" && needs.").append(ids.get(d)).append(".result == 'success'"));
            job.put("if", cond.append(" }}").toString());
        }
        // pushing the task branch needs contents: write; the engine's step never holds the token (see the push step)
        job.put("permissions", Map.of("contents", "write"));
        job.put("outputs", Map.of("commit", "${{ steps.task.outputs.commit }}"));
        List<Object> steps = new ArrayList<>(setupSteps(ci));
        Map<String, Object> env = new LinkedHashMap<>();
        if (!def.dependsOn().isEmpty()) {
            StringBuilder deps = new StringBuilder();
            for (String d : def.dependsOn()) {
                deps.append(deps.isEmpty() ? "" : " ").append(d).append('=')
                        .append("${{ needs.").append(ids.get(d)).append(".outputs.commit }}");
            }
            env.put("WTCRAFT_DEPENDENCY_COMMITS", deps.toString());
        }
        if (task.environment() != null) {
            for (String secret : task.environment().secrets()) {
                env.put(secret, "${{ secrets." + secret + " }}");
            }
        }
        StringBuilder fetch = new StringBuilder("java -jar " + JAR + " ci fetch " + quote(def.name()));
        def.dependsOn().forEach(d -> fetch.append(' ').append(quote(d)));
        // the only step before the push that holds the token: the engine's step never does
        steps.add(step("Fetch what " + def.name() + " starts from", fetch.append('\n').toString(),
                Map.of("GITHUB_TOKEN", "${{ github.token }}")));
        Map<String, Object> run = step("Run " + def.name(), "java -jar " + JAR + " run " + quote(recipe) + " --task "
                + quote(def.name()) + " --ci --ledger-out \"" + LEDGER_OUT + "\"\n", env.isEmpty() ? null : env);
        run.put("id", "task");
        steps.add(orderFirst(run, "name", "id"));
        Map<String, Object> push = step("Push " + def.name(), "java -jar " + JAR + " ci push " + quote(def.name()) + " --ledger \"" + LEDGER_OUT + "\"\n",
                Map.of("GITHUB_TOKEN", "${{ github.token }}"));
        push.put("if", "${{ success() }}");
        steps.add(orderFirst(push, "name", "if"));
        steps.add(uses("Upload the ledger", Actions.UPLOAD_ARTIFACT, "${{ always() }}", map(
                "name", LEDGER_ARTIFACT + ids.get(def.name()), "path", "${{ runner.temp }}/wtcraft-ledger",
                "if-no-files-found", "warn", "overwrite", true, "include-hidden-files", true)));
        job.put("steps", steps);
        return job;
    }

    private static Map<String, Object> collectJob(Map<String, String> ids, CiSettings ci) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "collect the ledgers");
        job.put("runs-on", ci.runsOn());
        job.put("timeout-minutes", 20);
        job.put("needs", List.copyOf(ids.values()));
        job.put("if", "${{ always() }}");
        job.put("permissions", Map.of("contents", "read"));
        List<Object> steps = new ArrayList<>(setupSteps(ci));
        steps.add(uses("Download the ledgers", Actions.DOWNLOAD_ARTIFACT, null, map(
                "pattern", LEDGER_ARTIFACT + "*", "path", "${{ runner.temp }}/ledgers")));
        steps.add(step("Collect them into one run", "mkdir -p \"$RUNNER_TEMP/ledgers\"\n"
                + "java -jar " + JAR + " ledger collect \"$RUNNER_TEMP\"/ledgers/* --export \"$RUNNER_TEMP/wtcraft-run\"\n", null));
        Map<String, Object> report = step("Report", "java -jar " + JAR + " report --junit \"$RUNNER_TEMP/wtcraft-junit.xml\""
                + " --html \"$RUNNER_TEMP/wtcraft-report.html\"\n"
                + "java -jar " + JAR + " report --github\n", null);
        report.put("if", "${{ always() }}");
        steps.add(orderFirst(report, "name", "if"));
        steps.add(uses("Upload the run", Actions.UPLOAD_ARTIFACT, "${{ always() }}", map(
                "name", RUN_ARTIFACT, "path", "${{ runner.temp }}/wtcraft-run\n${{ runner.temp }}/wtcraft-junit.xml\n"
                        + "${{ runner.temp }}/wtcraft-report.html", "if-no-files-found", "warn", "overwrite", true,
                "include-hidden-files", true)));
        job.put("steps", steps);
        return job;
    }

    private static Map<String, Object> landJob(CiSettings ci) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "land the ready tasks");
        job.put("runs-on", ci.runsOn());
        job.put("timeout-minutes", 30);
        job.put("needs", List.of("collect"));
        job.put("if", "${{ !cancelled() && needs.collect.result == 'success' }}");
        if (ci.landEnvironment() != null) {
            job.put("environment", ci.landEnvironment());
        }
        // the only job that writes the base branch
        job.put("permissions", Map.of("contents", "write"));
        List<Object> steps = new ArrayList<>(setupSteps(ci));
        steps.add(uses("Download the run", Actions.DOWNLOAD_ARTIFACT, null, map(
                "name", RUN_ARTIFACT, "path", "${{ runner.temp }}/collected")));
        steps.add(step("Land", "java -jar " + JAR + " finish --all --ci --from \"$RUNNER_TEMP/collected/wtcraft-run\"\n",
                Map.of("GITHUB_TOKEN", "${{ github.token }}")));
        job.put("steps", steps);
        return job;
    }

    /** Check-out (all history, no credentials left behind), Java, and wtcraft's jar checked against its hash. */
    private static List<Object> setupSteps(CiSettings ci) {
        List<Object> steps = new ArrayList<>();
        steps.add(uses("Check out", Actions.CHECKOUT, null, map("fetch-depth", 0, "persist-credentials", false)));
        steps.add(uses("Set up Java", Actions.SETUP_JAVA, null, map("distribution", "temurin",
                "java-version", ci.javaVersion())));
        steps.add(step("Install wtcraft", "curl -fsSL --retry 3 \"$WTCRAFT_JAR_URL\" -o " + JAR + "\n"
                + "echo \"$WTCRAFT_JAR_SHA256  $RUNNER_TEMP/wtcraft.jar\" | sha256sum --check --strict -\n", null));
        return steps;
    }

    /** The job's limit: every attempt of the engine and its review, the setup, and the job's own steps. */
    static int timeoutMinutes(EffectiveTask task, CiSettings ci) {
        boolean hosted = hosted(ci.runsOn());
        int limit = hosted ? HOSTED_LIMIT_MINUTES : SELF_HOSTED_LIMIT_MINUTES;
        if (task.timeout() == null) {
            return limit;
        }
        Duration each = task.timeout().plus(task.review() != null && task.review().timeout() != null
                ? task.review().timeout() : Duration.ZERO);
        Duration total = each.multipliedBy(task.attempts())
                .plus(task.setup() == null ? Duration.ZERO : task.setup().limit())
                .plusMinutes(JOB_OVERHEAD_MINUTES);
        long minutes = (total.toSeconds() + 59) / 60;
        if (minutes > limit) {
            throw WtcraftException.fatal(task.def().location() + ": task " + task.name() + " may take " + minutes
                    + " minutes (" + task.attempts() + " attempts of " + dev.wtcraft.model.Durations.format(each)
                    + (task.setup() == null ? "" : ", its setup") + " and " + JOB_OVERHEAD_MINUTES
                    + " for the job), longer than " + (hosted ? "a GitHub-hosted job may run (6 hours)"
                    : "a self-hosted job may run (5 days)") + ": give it a shorter timeout or fewer attempts,"
                    + " or split it");
        }
        return (int) minutes;
    }

    /** Whether jobs run on GitHub's own machines, whose jobs end after 6 hours. */
    static boolean hosted(String label) {
        return label.startsWith("ubuntu-") || label.startsWith("windows-") || label.startsWith("macos-");
    }

    /** The workflow as YAML, with a header that says where it came from. */
    public static String yaml(Map<String, Object> workflow, String recipe, String version) {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build();
        try {
            return "# Compiled from " + recipe + " by wtcraft " + version + " ('wtcraft ci github'). Do not edit: change the\n"
                    + "# recipe and compile again; 'wtcraft ci github --check' fails when this file is out of date.\n"
                    + new ObjectMapper(factory).writeValueAsString(workflow);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the workflow could not be written as YAML: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> step(String name, String run, Map<String, ?> env) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        if (env != null) {
            s.put("env", env);
        }
        s.put("run", run);
        return s;
    }

    private static Map<String, Object> uses(String name, Actions.Pin action, String condition, Map<String, Object> with) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        if (condition != null) {
            s.put("if", condition);
        }
        s.put("uses", action.ref());
        s.put("with", with);
        return s;
    }

    /** The same map with these keys first, in this order (people read a step's name and condition first). */
    private static Map<String, Object> orderFirst(Map<String, Object> m, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            if (m.containsKey(k)) {
                out.put(k, m.get(k));
            }
        }
        m.forEach(out::putIfAbsent);
        return out;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A shell word: task names and recipe paths are plain, but a path may hold a space. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=-]+") ? word : "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
