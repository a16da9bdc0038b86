package dev.wtcraft.mcp;

import dev.wtcraft.ExitCodes;
import dev.wtcraft.git.RepoLayout;
import dev.wtcraft.io.JsonText;
import dev.wtcraft.ledger.LedgerCodec;
import dev.wtcraft.ledger.RunHistory;
import dev.wtcraft.task.Protocol;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools: each verb runs the CLI's own command with --json (so its service, checks and refusals are the CLI's),
 * and `run`, `run_status` and `cancel` drive {@link BackgroundRuns}. A result's structured content is the JSON
 * document the CLI prints; a refusal is an error result carrying the CLI's message.
 */
final class WtcraftTools {
    private final RepoLayout layout;
    private final Verbs verbs;
    private final BackgroundRuns runs;

    WtcraftTools(RepoLayout layout, Verbs verbs, BackgroundRuns runs) {
        this.layout = layout;
        this.verbs = verbs;
        this.runs = runs;
    }

    /** What a task given inline may say: the recipe's keywords that take plain values. */
    private static final Map<String, Object> TASK_FIELDS = taskFields();

    private static Map<String, Object> taskFields() {
        Map<String, Object> string = Map.of("type", "string");
        Map<String, Object> strings = Map.of("type", "array", "items", string);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", Map.of("type", "string", "description", "The task, <type>/<name>: its branch and worktree."));
        f.put("engine", Map.of("type", "string", "description", "An engine of the recipe, or codex, claude, gemini."));
        f.put("prompt", string);
        f.put("scope", Map.of("type", "array", "items", string, "description", "Path patterns the task may change."));
        f.put("offLimits", Map.of("type", "array", "items", string, "description", "Path patterns it must not touch."));
        f.put("dependsOn", strings);
        f.put("verify", Map.of("type", "array", "items", string, "description", "Commands its work must pass."));
        f.put("base", string);
        f.put("group", string);
        f.put("attempts", Map.of("type", "integer"));
        f.put("timeout", Map.of("type", "string", "description", "Like 10m or 1h."));
        return f;
    }

    List<SyncToolSpecification> specifications() {
        List<SyncToolSpecification> out = new ArrayList<>();
        out.add(tool("plan", "What 'wtcraft run' would do with a recipe, creating nothing: the plan document of 'wtcraft plan --format json'. With tasks, those tasks (in the recipe's keyword names) instead of the recipe's own, with its engines and defaults.",
                Schema.of().string("recipe", "The recipe, relative to the repository (default: wtcraft.groovy).")
                        .objects("tasks", "Tasks given inline instead of the recipe's, each with the recipe's keywords.", TASK_FIELDS)
                        .strings("only", "Only these tasks and what they depend on.")
                        .integer("jobs", "Plan for this many tasks at once."), this::plan));
        out.add(tool("run", "Start a run of a recipe in the background, as 'wtcraft run' does; returns its run id at once (follow it with run_status, stop it with cancel). With tasks, runs those instead of the recipe's own.",
                Schema.of().string("recipe", "The recipe, relative to the repository (default: wtcraft.groovy).")
                        .objects("tasks", "Tasks given inline instead of the recipe's, each with the recipe's keywords.", TASK_FIELDS)
                        .strings("only", "Only these tasks and what they depend on.")
                        .integer("jobs", "How many tasks run at once."), this::run));
        out.add(tool("run_status", "A run's per-task outcome, live stage and spend; with wait_seconds, waits that long for it to end, reporting progress.",
                Schema.of().string("run_id", "The run id ('last' for the newest run).").integer("wait_seconds",
                        "Wait up to this many seconds for the run to end (default 0).").required("run_id"), this::status));
        out.add(tool("cancel", "Stop a run this server started, as Ctrl-C stops 'wtcraft run': engines killed, nothing new starts, exit 130 recorded.",
                Schema.of().string("run_id", "The run id.").required("run_id"), this::cancel));
        out.add(verb("show", "A recorded run, or one task of it: 'wtcraft show --json'.",
                Schema.of().string("run", "A run id, a unique prefix of one, or 'last'.").string("task", "A task of that run.")
                        .bool("diff", "With task: its recorded patch too.").required("run"),
                a -> cmd("show", "--json").flag("--diff", a.bool("diff")).positional(a.string("run"), a.string("task"))));
        out.add(verb("diff", "A task's change against its base, from its worktree or a run's ledger: 'wtcraft diff --json'.",
                Schema.of().string("target", "A task worktree (<type>/<name>) or a run (id, prefix, last).")
                        .string("task", "One task of that run.").bool("stat", "Files and counts, no patch.").required("target"),
                a -> cmd("diff", "--json").flag("--stat", a.bool("stat")).positional(a.string("target"), a.string("task"))));
        out.add(verb("check", "Judge a task worktree's real changes against its scope and off-limits: 'wtcraft check --json'.",
                Schema.of().string("worktree", "The worktree: <type>/<name>, a branch, or a path.").required("worktree"),
                a -> cmd("check", "--json").positional(a.string("worktree"))));
        out.add(verb("verify", "Run a task worktree's verification commands: 'wtcraft verify --json'.",
                Schema.of().string("worktree", "The worktree: <type>/<name>, a branch, or a path.").required("worktree"),
                a -> cmd("verify", "--json").positional(a.string("worktree"))));
        out.add(verb("status", "One entry per linked worktree: stage, role, agent, check, verify, readiness: 'wtcraft status --json'.",
                Schema.of(), a -> cmd("status", "--json")));
        out.add(verb("review", "Have a second engine review a task read-only: 'wtcraft review --json'.",
                Schema.of().string("worktree", "The worktree: <type>/<name>, a branch, or a path.")
                        .string("engine", "The reviewer: codex, claude, gemini, or an engine of the recipe.")
                        .string("prompt", "What the reviewer should look at in particular.")
                        .string("timeout", "How long the reviewer may take, e.g. 10m.")
                        .bool("required", "From now on the task may finish only with an approving review.").required("worktree"),
                a -> cmd("review", "--json").option("--engine", a.string("engine")).option("--prompt", a.string("prompt"))
                        .option("--timeout", a.string("timeout")).flag("--required", a.bool("required"))
                        .positional(a.string("worktree"))));
        out.add(verb("finish", "Land a ready task (or, with all, every ready task of a run) on its base: 'wtcraft finish --json'.",
                Schema.of().string("target", "The worktree; with all, the run (default: the last).")
                        .bool("all", "Every task of a run, in dependency order.")
                        .string("strategy", "merge (default), squash or rebase.")
                        .bool("keep", "Keep the worktree and branch after landing.")
                        .bool("dry_run", "Say what would land; change nothing."),
                a -> cmd("finish", "--json").flag("--all", a.bool("all")).option("--strategy", a.string("strategy"))
                        .flag("--keep", a.bool("keep")).flag("--dry-run", a.bool("dry_run")).positional(a.string("target"))));
        return out;
    }

    // ---- run, run_status, cancel

    private McpSchema.CallToolResult plan(McpSyncServerExchange exchange, Args a) {
        if (a.objects("tasks") == null) {
            return verbCall("plan", cmd("plan", "--format", "json").option("--jobs", a.integer("jobs") == null ? null
                    : a.integer("jobs").toString()).each("--task", a.strings("only")).positional(a.string("recipe")));
        }
        // what PlanCommand does with a loaded plan, the recipe being the inline tasks
        var plan = BackgroundRuns.plan(layout, a.string("recipe"), a.objects("tasks"), a.strings("only"));
        dev.wtcraft.run.RunPreflight.requireBases(layout, plan);
        var serialized = dev.wtcraft.plan.Collisions.of(plan.order(), plan.recipe().defaults().parallel(),
                dev.wtcraft.run.RunService.repositoryFiles(layout));
        int n = dev.wtcraft.run.RunService.jobs(plan, a.integer("jobs"));
        return result(dev.wtcraft.plan.PlanDocument.of(plan, "(tasks given inline)",
                dev.wtcraft.run.RunPreflight.defaultBase(layout, plan, runs.env()), n, serialized));
    }

    private McpSchema.CallToolResult run(McpSyncServerExchange exchange, Args a) throws InterruptedException {
        BackgroundRuns.Entry e = runs.start(a.string("recipe"), a.objects("tasks"), a.strings("only"), a.integer("jobs"));
        if (e.failure != null) {
            return error(e.failure);
        }
        Map<String, Object> doc = Protocol.header("run", true);
        String id = e.service.runId();
        doc.put("run_id", id);
        doc.put("ledger", id == null ? null : new RunHistory(layout.root()).dir(id).toString());
        doc.put("running", e.running());
        return result(doc);
    }

    private McpSchema.CallToolResult status(McpSyncServerExchange exchange, McpSchema.CallToolRequest request, Args a)
            throws InterruptedException {
        RunHistory history = new RunHistory(layout.root());
        String id = history.resolve(a.string("run_id"));
        BackgroundRuns.Entry e = runs.get(id);
        Integer wait = a.integer("wait_seconds");
        if (e != null && wait != null && wait > 0 && e.running()) {
            Object token = request.meta() == null ? null : request.meta().get("progressToken");
            int[] n = {0};
            java.util.function.Consumer<String> watcher = line -> {
                if (token != null) {
                    exchange.progressNotification(new McpSchema.ProgressNotification(token, ++n[0], null, line));
                }
            };
            e.watchers.add(watcher);
            try {
                e.thread.join(wait * 1000L);
            } finally {
                e.watchers.remove(watcher);
            }
        }
        Map<String, Object> doc = Protocol.header("run_status", true);
        doc.put("run_id", id);
        doc.put("running", e != null && e.running());
        if (e != null && e.failure != null) {
            doc.put("failure", e.failure.get("error"));
        }
        doc.put("live", e == null ? Map.of() : new java.util.TreeMap<>(e.stages));
        doc.put("ledger", history.dir(id).toString());
        doc.put("run", LedgerCodec.fields(history.run(id)));
        return result(doc);
    }

    private McpSchema.CallToolResult cancel(McpSyncServerExchange exchange, Args a) throws InterruptedException {
        String id = a.string("run_id");
        BackgroundRuns.Entry e = id == null ? null : runs.get(id);
        if (e == null) {
            return error(Protocol.error("cancel", ExitCodes.FATAL, "no run '" + id + "' was started by this server"
                    + " (a run started elsewhere stops with Ctrl-C where it runs)"));
        }
        e.service.interrupt();
        e.thread.join(60_000);
        Map<String, Object> doc = Protocol.header("cancel", true);
        doc.put("run_id", id);
        doc.put("running", e.running());
        doc.put("exit_code", e.report == null ? null : e.report.exitCode());
        return result(doc);
    }

    // ---- the verbs through the command line

    private SyncToolSpecification verb(String name, String description, Schema schema, Function<Args, Command> line) {
        return spec(name, description, schema, (exchange, request, a) -> verbCall(name, line.apply(a)));
    }

    private McpSchema.CallToolResult verbCall(String name, Command line) {
        {
            Verbs.Result r = verbs.run(line.args(layout));
            Object doc;
            try {
                doc = JsonText.parse(r.stdout());
            } catch (java.io.IOException | RuntimeException e) {
                String why = r.stderr().isBlank() ? r.stdout() : r.stderr();
                return error(Protocol.error(name, r.exitCode(), why.strip()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = doc instanceof Map<?, ?> m ? (Map<String, Object>) m : wrap(name, doc);
            if (Boolean.FALSE.equals(body.get("ok"))) {
                return error(body);
            }
            Map<String, Object> out = new LinkedHashMap<>(body);
            out.putIfAbsent("exit_code", r.exitCode());
            return result(out);
        }
    }

    private static Map<String, Object> wrap(String name, Object doc) {
        Map<String, Object> out = Protocol.header(name, true);
        out.put("worktrees", doc);
        return out;
    }

    private interface Handler {
        McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request, Args a)
                throws InterruptedException;
    }

    private interface Simple {
        McpSchema.CallToolResult call(McpSyncServerExchange exchange, Args a) throws InterruptedException;
    }

    private SyncToolSpecification tool(String name, String description, Schema schema, Simple handler) {
        return spec(name, description, schema, (exchange, request, a) -> handler.call(exchange, a));
    }

    private SyncToolSpecification tool(String name, String description, Schema schema, Handler handler) {
        return spec(name, description, schema, handler);
    }

    private SyncToolSpecification spec(String name, String description, Schema schema, Handler handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(schema.document()).build();
        return new SyncToolSpecification(tool, (exchange, request) -> {
            try {
                return handler.call(exchange, request, Args.of(schema, request.arguments()));
            } catch (Args.Invalid e) {
                return error(Protocol.error(name, ExitCodes.FATAL, e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(Protocol.error(name, ExitCodes.INTERRUPTED, "interrupted"));
            } catch (RuntimeException e) {
                return error(BackgroundRuns.failure(name, e));
            }
        });
    }

    private static McpSchema.CallToolResult result(Map<String, Object> doc) {
        return McpSchema.CallToolResult.builder().addTextContent(JsonText.write(doc)).structuredContent(doc)
                .isError(false).build();
    }

    /** A refusal: the CLI's error document, its message as the text a model reads. */
    private static McpSchema.CallToolResult error(Map<String, Object> doc) {
        Object error = doc.get("error");
        String message = error instanceof Map<?, ?> m ? "wtcraft " + doc.get("command") + ": " + m.get("message")
                : JsonText.write(doc);
        return McpSchema.CallToolResult.builder().addTextContent(message).structuredContent(doc).isError(true).build();
    }

    private static Command cmd(String... words) {
        return new Command(new ArrayList<>(List.of(words)), new ArrayList<>());
    }

    /** A command line: the verb and its options, then `--` and the positional values (never read as options). */
    private record Command(List<String> words, List<String> positionals) {
        Command flag(String option, boolean on) {
            if (on) {
                words.add(option);
            }
            return this;
        }

        Command option(String option, String value) {
            if (value != null) {
                words.add(option);
                words.add(value);
            }
            return this;
        }

        Command each(String option, List<String> values) {
            values.forEach(v -> option(option, v));
            return this;
        }

        Command positional(String... values) {
            for (String v : values) {
                if (v != null) {
                    positionals.add(v);
                }
            }
            return this;
        }

        String[] args(RepoLayout layout) {
            List<String> all = new ArrayList<>(words);
            all.add("--repo");
            all.add(layout.root().toString());
            if (!positionals.isEmpty()) {
                all.add("--");
                all.addAll(positionals);
            }
            return all.toArray(String[]::new);
        }
    }
}
