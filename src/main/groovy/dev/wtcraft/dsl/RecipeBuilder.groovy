package dev.wtcraft.dsl

import dev.wtcraft.WtcraftException
import dev.wtcraft.engine.BundleExport
import dev.wtcraft.engine.ReplayBundle
import dev.wtcraft.ledger.RunLedger
import dev.wtcraft.model.Budget
import dev.wtcraft.model.Defaults
import dev.wtcraft.model.EngineKind
import dev.wtcraft.model.EngineSpec
import dev.wtcraft.model.LibraryPin
import dev.wtcraft.model.Prompt
import dev.wtcraft.model.Recipe
import dev.wtcraft.model.Review
import dev.wtcraft.model.SourceLocation
import dev.wtcraft.model.TaskDef
import dev.wtcraft.plan.RecipeCache
import dev.wtcraft.io.Sha256

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * Collects what a recipe (and what it includes) declares, remembering where, and builds the immutable Recipe.
 * Recipe files are compiled under synthetic class names so that stack frames lead back to the file and line.
 */
class RecipeBuilder {
    /** One compiled recipe file: the file, and the name errors show. */
    static class Source {
        final Path file
        final String display
        final List<String> lines

        Source(Path file, String display, String text) {
            this.file = file
            this.display = display
            this.lines = text.readLines()
        }
    }

    final Path recipeFile
    final Map<String, Source> sources = [:]          // synthetic file name -> source
    final Deque<Source> including = new ArrayDeque<>()

    String defaultBase
    Duration defaultTimeout
    Integer defaultAttempts
    boolean parallel = true
    Integer jobs
    boolean stopOnFailure
    Budget runBudget
    Budget taskBudget
    Review defaultReview
    dev.wtcraft.model.Sandbox defaultSandbox
    dev.wtcraft.model.Setup defaultSetup
    dev.wtcraft.model.Environment defaultEnvironment
    dev.wtcraft.model.Policy defaultPolicy
    dev.wtcraft.model.CiSettings ci
    final Map<String, EngineSpec> engines = [:]
    final List<TaskDef> tasks = []
    /** Files other than the recipe that the evaluation read, with their hashes (for RecipeCache). */
    final List<RecipeCache.Input> inputs = []
    /** Why this evaluation may not be reused (empty when every file compiled was pure). */
    final List<String> impure = []
    /** The recipe's libraries by name, resolved before the recipe ran, and their pins. */
    final Map<String, RecipeLibrary> libraries = [:]
    final List<LibraryPin> libraryPins = []
    /** The libraries whose blocks are running, innermost first (what `library` means inside them). */
    final Deque<RecipeLibrary> inLibrary = new ArrayDeque<>()
    /** Whether the main recipe has a top-level `libraries` block (the one place libraries are read from). */
    boolean librariesBlock

    RecipeBuilder(Path recipeFile) {
        this.recipeFile = recipeFile
    }

    /** Runs a block with its delegate and nothing else in reach: a typo fails instead of resolving elsewhere. */
    static void runBlock(Closure body, Object delegate) {
        Closure c = (Closure) body.clone()
        c.resolveStrategy = Closure.DELEGATE_ONLY
        c.delegate = delegate
        // a block written in a library step still sees `library`, its own library
        Object owner = body.owner
        while (owner instanceof Closure) {
            owner = ((Closure) owner).owner
        }
        Deque<RecipeLibrary> stack = delegate instanceof BlockDelegate ? ((BlockDelegate) delegate).builder.inLibrary : null
        boolean pushed = owner instanceof LibraryScript && stack != null
        if (pushed) {
            stack.push(((LibraryScript) owner).library)
        }
        try {
            c.call()
        } finally {
            if (pushed) {
                stack.pop()
            }
        }
    }

    /** The recipe line that is executing now: the innermost stack frame from a recipe file. */
    SourceLocation callerLocation() {
        StackTraceElement frame = RecipeFrames.innermost(RecipeCompiler.FRAME_PREFIX, sources.keySet())
        locate(frame == null ? new StackTraceElement[0] : [frame] as StackTraceElement[])
    }

    SourceLocation locate(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            Source s = sources[f.fileName]
            if (s != null && f.lineNumber > 0) {
                return at(s, f.lineNumber, 0)
            }
        }
        Source current = including.peek()
        return current == null ? new SourceLocation(recipeFile, recipeFile.fileName.toString(), 0, 0)
                : new SourceLocation(current.file, current.display, 0, 0)
    }

    /** A location; column 0 means "where the statement on that line starts". */
    static SourceLocation at(Source s, int line, int column) {
        int col = column
        if (col <= 0 && line >= 1 && line <= s.lines.size()) {
            String text = s.lines[line - 1]
            col = text.length() - text.stripLeading().length() + 1
        }
        new SourceLocation(s.file, s.display, line, Math.max(col, 1))
    }

    Path currentDir() {
        (including.peek()?.file ?: recipeFile).toAbsolutePath().parent
    }

    Prompt readPrompt(String path) {
        Path file = currentDir().resolve(path).normalize()
        if (!Files.isRegularFile(file)) {
            throw new DslError("prompt file not found: ${path} (looked for ${file})")
        }
        String text = RecipeText.read(file, 'prompt file', path)
        inputs << new RecipeCache.Input(file, new Sha256().bytes(text.getBytes(StandardCharsets.UTF_8)).hex())
        new Prompt(text, file)
    }

    void shellEngine(String name, String command, Duration timeout = null) {
        declareEngine(EngineSpec.shell(name, command, timeout, callerLocation()))
    }

    void replayEngine(String name, String recording, EngineKind as, int exitCode) {
        Path file = currentDir().resolve(recording).normalize()
        if (!Files.isRegularFile(file)) {
            throw new DslError("recording not found: ${recording} (looked for ${file})")
        }
        String digest = new Sha256().bytes(Files.readAllBytes(file)).hex()
        inputs << new RecipeCache.Input(file, digest)
        declareEngine(EngineSpec.replay(name, new EngineSpec.Replay(file, as, exitCode, false, null, digest),
                callerLocation()))
    }

    /** Whether a replay's file (when it exists) is a bundle of `wtcraft export` rather than a bare recording. */
    boolean isBundle(String recording) {
        Path file = currentDir().resolve(recording).normalize()
        Files.isRegularFile(file) && ReplayBundle.looksLikeBundle(file)
    }

    void replayBundle(String name, String recording) {
        Path file = currentDir().resolve(recording).normalize()
        ReplayBundle bundle
        try {
            bundle = ReplayBundle.read(file)
        } catch (WtcraftException e) {
            throw new DslError(e.message.contains('export it again') ? e.message
                    : "${e.message} (name a bundle written by 'wtcraft export RUN TASK')")
        }
        inputs << new RecipeCache.Input(file, new Sha256().bytes(Files.readAllBytes(file)).hex())
        declareEngine(EngineSpec.replay(name, replayOf(file, bundle, null), callerLocation()))
    }

    /** A task of a recorded run of this repository, replayed as its ledger and its branch's commits hold it. */
    void replayRun(String name, String runId, String task) {
        Path root = currentDir()
        while (root != null && !Files.exists(root.resolve('.git'))) {
            root = root.parent
        }
        Path runDir = root?.resolve(RunLedger.RUNS_DIR)?.resolve(runId)
        if (runDir == null || !runId.matches('[0-9A-Za-z][0-9A-Za-z._-]*') || !Files.isRegularFile(runDir.resolve('run.json'))) {
            throw new DslError("'replay' names run '${runId}', which is not a recorded run of this repository"
                    + " (give a whole run id, as 'wtcraft runs' lists them)")
        }
        ReplayBundle bundle
        try {
            bundle = BundleExport.build(root, runDir, runId, task, null)
        } catch (WtcraftException e) {
            throw new DslError("'replay' of task ${task} of run ${runId}: ${e.message}")
        }
        Path meta = runDir.resolve('tasks').resolve(task).resolve('meta.json')
        inputs << new RecipeCache.Input(meta, new Sha256().bytes(Files.readAllBytes(meta)).hex())
        declareEngine(EngineSpec.replay(name, replayOf(runDir, bundle, task), callerLocation()))
    }

    /**
     * A bundle's replay: its CLI and exit code from its manifest, and as its digest what it replays (its stream and
     * its change, not when it was exported), so exporting the same task again changes nothing a resume compares.
     */
    private static EngineSpec.Replay replayOf(Path recording, ReplayBundle bundle, String task) {
        def m = bundle.manifest()
        EngineKind as = EngineKind.values().find { it.wire() == m.cli() }
        String digest = new Sha256().line(m.cli()).line(String.valueOf(m.exitCode())).line(m.baseCommit())
                .line(m.streamSha256()).line(m.patchSha256()).hex()
        new EngineSpec.Replay(recording, as, m.exitCode() == null ? 0 : m.exitCode(), true, task, digest)
    }

    void agentEngine(AgentEngineDelegate d) {
        declareEngine(new EngineSpec(d.name, d.kind, new EngineSpec.Launch(null, d.binary, d.args, d.env), d.timeout,
                d.settings(), null, callerLocation()))
    }

    private void declareEngine(EngineSpec spec) {
        EngineSpec earlier = engines[spec.name()]
        if (earlier != null) {
            throw new DslError("engine '${spec.name()}' is declared twice (first at ${earlier.location()})")
        }
        engines[spec.name()] = spec
    }

    void task(String name, Closure body) {
        task(name, body == null ? [] : [body])
    }

    /** A task whose blocks run in order on one delegate: a library's template, then the recipe's own additions. */
    void task(String name, List<Closure> bodies) {
        SourceLocation here = callerLocation()
        TaskDef earlier = tasks.find { it.name() == name }
        if (earlier != null) {
            throw new DslError("duplicate task '${name}' (first declared at ${earlier.location()})")
        }
        def d = new TaskDelegate(this, name)
        bodies.each { runBlock(it, d) }
        tasks << new TaskDef(name, d.engine, d.prompt, d.dependsOn, d.base, d.group, d.setup,
                new TaskDef.Boundary(d.scope, d.offLimits, d.sandbox, d.noSandbox, d.environment, d.policy),
                new TaskDef.Gates(d.verify, d.timeout, d.attempts, d.budget, d.review, d.noReview), here,
                d.keywordLocations)
    }

    Recipe build(String sha256) {
        new Recipe(recipeFile, sha256, new Defaults(defaultBase, defaultSetup,
                new Defaults.Boundary(defaultSandbox, defaultEnvironment, defaultPolicy),
                new Defaults.Gates(defaultTimeout, defaultAttempts, taskBudget, defaultReview),
                new Defaults.Schedule(parallel, jobs, stopOnFailure, runBudget)), engines, tasks, libraryPins, ci)
    }
}
