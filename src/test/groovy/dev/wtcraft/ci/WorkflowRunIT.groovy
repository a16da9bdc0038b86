package dev.wtcraft.ci

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import dev.wtcraft.support.GitRepo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.FileSystems
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.regex.Matcher

/**
 * Executes the workflow `wtcraft ci github` compiles, not a model of it: each job's `run:` steps run with bash in a
 * fresh clone of a bare `origin`, jobs start as their `needs` allow (those with no edge between them at once), and
 * the test plays the actions the steps name: checkout clones origin at the workflow's commit, upload-artifact and
 * download-artifact copy to and from an artifact directory. The wtcraft jar the jobs install is this build's,
 * downloaded by the step's own curl from a file URL and checked against its SHA-256.
 */
class WorkflowRunIT extends Specification {
    @TempDir
    Path tmp

    Path origin
    Path artifacts
    String sha
    Map<String, Object> workflow
    /** job id -> [start, end] nanos, and the clone each job ran in, for every job that ran */
    Map<String, List<Long>> spans = new ConcurrentHashMap<>()
    Map<String, Path> clones = new ConcurrentHashMap<>()
    Map<String, Map<String, String>> outputs = new ConcurrentHashMap<>()
    Map<String, String> results = new ConcurrentHashMap<>()
    Path failFlag

    static final Path JAR = Path.of('target/wtcraft.jar').toAbsolutePath()

    def setup() {
        assert Files.isRegularFile(JAR): 'the integration specs run after package'
        failFlag = tmp.resolve('fail-docs')
        def repo = GitRepo.create(tmp)
        repo.write('write.sh', '''#!/bin/sh
# a stand-in agent: writes the file the prompt names; fails while the test's flag file for its task exists
set -e
target=$(grep -o 'WRITE:[^ ]*' "$WTCRAFT_PROMPT_FILE" | head -1 | cut -d: -f2)
flag=$(grep -o 'FAILFLAG:[^ ]*' "$WTCRAFT_PROMPT_FILE" | head -1 | cut -d: -f2)
if [ -n "$flag" ] && [ -e "$flag" ]; then echo "told to fail" >&2; exit 3; fi
mkdir -p "$(dirname "$target")"
echo "written for $target" > "$target"
sleep 1
''')
        repo.write('wtcraft.groovy', """
wtcraft { base 'main' }
engines { shell 'w', 'sh write.sh' }
task('feat/a') { engine 'w'; prompt 'WRITE:src/a/out.txt'; scope 'src/a/'; verify { run 'test -f src/a/out.txt' } }
task('feat/b') { engine 'w'; prompt 'WRITE:src/b.txt'; scope 'src/' }
task('feat/c') { dependsOn 'feat/a'; engine 'w'; prompt 'WRITE:lib/c.txt'; scope 'lib/'; verify { run 'test -f src/a/out.txt' } }
task('docs/d') { engine 'w'; prompt 'WRITE:docs/d.txt FAILFLAG:${failFlag}'; scope 'docs/' }
""")
        repo.write('.gitignore', '.wtcraft/\nworktrees/\n')
        repo.commit('recipe')
        origin = tmp.resolve('origin.git')
        GitRepo.gitIn(tmp, 'clone', '-q', '--bare', repo.root.toString(), origin.toString())
        sha = GitRepo.gitIn(origin, 'rev-parse', 'refs/heads/main').trim()
        def jarSha = new dev.wtcraft.io.Sha256().bytes(Files.readAllBytes(JAR)).hex()
        def compiled = wtcraft(repo.root, ['ci', 'github', '--jar-url', JAR.toUri().toString(), '--jar-sha256', jarSha])
        assert compiled.exit == 0: compiled.text
        workflow = new ObjectMapper(new YAMLFactory()).readValue(repo.root.resolve('.github/workflows/wtcraft.yml').toFile(), Map)
        artifacts = tmp.resolve('artifacts')
        Files.createDirectories(artifacts)
    }

    def "the workflow runs every task in its own job and clone, in an order its needs allow, and lands them on origin"() {
        given: 'docs/d fails in its first job'
        Files.writeString(failFlag, 'x')
        Map jobs = workflow.jobs

        when: 'the whole workflow runs once'
        runJobs(jobs.keySet() as List)

        then: 'each task job ran in a clone of its own, which holds that task worktree and no other'
        def taskJobs = ['feat-a': 'feat/a', 'feat-b': 'feat/b', 'feat-c': 'feat/c', 'docs-d': 'docs/d']
        taskJobs.each { job, task ->
            assert results[job] == (job == 'docs-d' ? 'failure' : 'success'): "${job}: ${results[job]}"
            assert Files.isDirectory(clones[job].resolve('worktrees').resolve(task))
            (taskJobs.values() - task).each { assert !Files.exists(clones[job].resolve('worktrees').resolve(it)) }
        }
        clones.values().toSet().size() == clones.size()

        and: 'feat/b, whose scope collides with feat/a, waited for it; feat/c waited for its dependency'
        jobs['feat-b'].needs == ['feat-a']
        spans['feat-b'][0] >= spans['feat-a'][1]
        spans['feat-c'][0] >= spans['feat-a'][1]

        and: 'feat/c started from the branch feat/a pushed, at the commit its job recorded'
        def aCommit = outputs['feat-a'].commit
        aCommit == GitRepo.gitIn(origin, 'rev-parse', 'refs/heads/feat/a').trim()
        GitRepo.gitIn(origin, 'merge-base', '--is-ancestor', aCommit, 'refs/heads/feat/c') != null

        and: 'collect made one run that names every task, and land landed the passed ones in dependency order'
        results['collect'] == 'success'
        def report = Files.readString(artifacts.resolve('wtcraft-run/wtcraft-report.html'))
        taskJobs.values().every { report.contains(it) }
        def junit = Files.readString(artifacts.resolve('wtcraft-run/wtcraft-junit.xml'))
        junit.contains('docs/d')
        results['land'] == 'failure' // docs/d is not ready
        def landed = landedOnOrigin()
        landed.indexOf('feat/a') >= 0 && landed.indexOf('feat/a') < landed.indexOf('feat/c')
        landed.contains('feat/b')
        !landed.contains('docs/d')
        GitRepo.gitIn(origin, 'show', 'main:lib/c.txt').contains('written')

        when: 'only the failed jobs and those that need them run again, as "Re-run failed jobs" does'
        Files.delete(failFlag)
        def before = new HashMap(spans)
        def again = ['docs-d', 'collect', 'land']
        again.each { results.remove(it) }
        runJobs(again)

        then: 'the tasks that passed were not run again, and the run is complete on origin'
        results['docs-d'] == 'success'
        results['collect'] == 'success'
        results['land'] == 'success'
        ['feat-a', 'feat-b', 'feat-c'].every { spans[it] == before[it] }
        def all = landedOnOrigin()
        ['feat/a', 'feat/b', 'feat/c', 'docs/d'].every { all.contains(it) }
        GitRepo.gitIn(origin, 'show', 'main:docs/d.txt').contains('written')
        GitRepo.gitIn(origin, 'show', 'main:src/a/out.txt').contains('written')
    }

    def "a job whose task passed before and is unchanged keeps its pushed result instead of running it again"() {
        given:
        Map jobs = workflow.jobs
        runJobs(['feat-a'])
        def first = outputs['feat-a'].commit

        when: 'the same job runs again (a re-run of the workflow)'
        results.remove('feat-a')
        runJobs(['feat-a'])

        then:
        results['feat-a'] == 'success'
        outputs['feat-a'].commit == first
        logs['feat-a'].contains('not run again')
    }

    // ---- the executor ------------------------------------------------------------------------------------------

    Map<String, String> logs = new ConcurrentHashMap<>()

    /** Runs these jobs of the workflow, each once its needs have ended (jobs outside the list count as they ended). */
    void runJobs(List<String> which) {
        Map jobs = workflow.jobs
        def pool = Executors.newFixedThreadPool(4)
        try {
            long began = System.nanoTime()
            Set<String> pending = new LinkedHashSet<>(which)
            Map<String, java.util.concurrent.Future> running = [:]
            while (pending || running) {
                for (String id : new ArrayList<>(pending)) {
                    List<String> needs = (jobs[id].needs ?: []) as List<String>
                    if (needs.every { results.containsKey(it) }) {
                        pending.remove(id)
                        String jobId = id // the closure must hold this job's id, not the loop's variable
                        running[jobId] = pool.submit({ runJob(jobId, jobs[jobId] as Map) } as Runnable)
                    }
                }
                running.findAll { it.value.done }.each { k, f -> f.get(); running.remove(k) }
                Thread.sleep(50)
                assert System.nanoTime() - began < 240_000_000_000L: "jobs still pending after 4 minutes: ${pending} ${running.keySet()} results ${results} needs ${pending.collect { jobs[it].needs }}"
            }
        } finally {
            pool.shutdownNow()
        }
    }

    void runJob(String id, Map job) {
        List<String> needs = (job.needs ?: []) as List<String>
        boolean run = job.if == null ? needs.every { results[it] == 'success' } : condition(job.if as String, needs, true)
        if (!run) {
            results[id] = 'skipped'
            return
        }
        long start = System.nanoTime()
        Path home = Files.createTempDirectory(tmp, "job-${id}-")
        Path work = home.resolve('work')
        Path temp = home.resolve('runner-temp')
        Files.createDirectories(temp)
        clones[id] = work
        Map<String, String> stepOutputs = [:]
        boolean ok = true
        StringBuilder log = new StringBuilder()
        for (Map step : (job.steps as List<Map>)) {
            boolean go = step.if == null ? ok : condition(step.if as String, needs, ok)
            if (!go) {
                continue
            }
            def ctx = [temp: temp, needs: needs, steps: stepOutputs]
            boolean passed
            if (step.uses) {
                try {
                    passed = action(step.uses as String, (step.with ?: [:]) as Map, work, ctx)
                } catch (Throwable e) {
                    System.err.println("job ${id}, step ${step.name}: ${e}\n${log}")
                    throw e
                }
            } else {
                Map<String, String> env = [:]
                (workflow.env as Map ?: [:]).each { k, v -> env[k as String] = expand(v as String, ctx) }
                (step.env as Map ?: [:]).each { k, v -> env[k as String] = expand(v as String, ctx) }
                Path out = Files.createTempFile(temp, 'output', '')
                env.putAll(PATH: System.getenv('PATH'), HOME: home.toString(), RUNNER_TEMP: temp.toString(),
                        GITHUB_OUTPUT: out.toString(), GITHUB_JOB: id, GITHUB_RUN_ID: '4242', GITHUB_SHA: sha,
                        GITHUB_REPOSITORY: 'example/repo', JAVA_HOME: System.getProperty('java.home'))
                def pb = new ProcessBuilder('bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run as String)
                        .directory(work.toFile()).redirectErrorStream(true)
                pb.environment().clear()
                pb.environment().putAll(env)
                def p = pb.start()
                def text = new String(p.inputStream.readAllBytes())
                passed = p.waitFor() == 0
                log.append("== ${step.name} (exit ${p.exitValue()})\n").append(text)
                if (step.id) {
                    Files.readAllLines(out).findAll { it.contains('=') }.each {
                        stepOutputs["${step.id}.${it.substring(0, it.indexOf('='))}".toString()] = it.substring(it.indexOf('=') + 1)
                    }
                }
            }
            ok = ok && passed
        }
        Map<String, String> jobOutputs = [:]
        (job.outputs as Map ?: [:]).each { k, v -> jobOutputs[k as String] = expand(v as String, [temp: temp, needs: needs, steps: stepOutputs]) }
        outputs[id] = jobOutputs
        logs[id] = log.toString()
        spans[id] = [start, System.nanoTime()]
        results[id] = ok ? 'success' : 'failure'
        if (!ok) {
            System.err.println("job ${id} failed:\n${log}")
        }
    }

    /** The conditions the compiler writes; anything else fails the spec (so the workflow cannot say what we do not play). */
    boolean condition(String expr, List<String> needs, boolean ok) {
        def m = expr =~ /^\$\{\{\s*(.*?)\s*\}\}$/
        assert m.matches(): "not an expression: ${expr}"
        return m.group(1).split('&&').every { String term ->
            term = term.trim()
            if (term == 'always()' || term == '!cancelled()') {
                return true
            }
            if (term == 'success()') {
                return ok && needs.every { results[it] == 'success' }
            }
            def n = term =~ /^needs\.([A-Za-z0-9_-]+)\.result == 'success'$/
            assert n.matches(): "a condition this executor does not know: ${term}"
            return results[n.group(1)] == 'success'
        }
    }

    String expand(String value, Map ctx) {
        value.replaceAll(/\$\{\{\s*([^}]+?)\s*\}\}/) { all, String e ->
            if (e == 'github.token') {
                return 'test-token-not-used-for-a-local-origin'
            }
            if (e == 'github.ref') {
                return 'refs/heads/main'
            }
            if (e == 'runner.temp') {
                return Matcher.quoteReplacement(ctx.temp.toString())
            }
            if (e.startsWith('secrets.')) {
                return ''
            }
            def n = e =~ /^needs\.([A-Za-z0-9_-]+)\.outputs\.([a-z]+)$/
            if (n.matches()) {
                assert ctx.needs.contains(n.group(1)): "${e} names a job the job does not need"
                return outputs[n.group(1)]?.get(n.group(2)) ?: ''
            }
            def s = e =~ /^steps\.([a-z]+)\.outputs\.([a-z]+)$/
            if (s.matches()) {
                return ctx.steps["${s.group(1)}.${s.group(2)}".toString()] ?: ''
            }
            throw new AssertionError("an expression this executor does not know: ${e}")
        }
    }

    boolean action(String uses, Map with, Path work, Map ctx) {
        String name = uses.substring(0, uses.indexOf('@'))
        assert uses.substring(uses.indexOf('@') + 1) ==~ /[0-9a-f]{40}/: "${uses} is not pinned by commit"
        switch (name) {
            case 'actions/checkout':
                // the workflow's commit on its branch, all history, no credentials left behind
                GitRepo.gitIn(work.parent, 'clone', '-q', '--no-checkout', origin.toString(), work.toString())
                GitRepo.gitIn(work, 'checkout', '-q', '-B', 'main', sha)
                return true
            case 'actions/setup-java':
                return true
            case 'actions/upload-artifact':
                List<Path> paths = (with.path as String).split('\n')*.trim().findAll { it }.collect { Path.of(expand(it, ctx)) }
                        .findAll { Files.exists(it) }
                if (paths.isEmpty()) {
                    assert with['if-no-files-found'] == 'warn'
                    return true
                }
                Path into = artifacts.resolve(with.name as String)
                if (Files.exists(into)) {
                    assert with.overwrite == true: "${with.name} uploaded twice without overwrite"
                    into.toFile().deleteDir()
                }
                if (paths.size() == 1 && Files.isDirectory(paths[0])) {
                    copyTree(paths[0], into)
                } else {
                    Path root = paths[0].parent
                    paths.each { p -> Files.isDirectory(p) ? copyTree(p, into.resolve(root.relativize(p).toString()))
                            : { Files.createDirectories(into); Files.copy(p, into.resolve(p.fileName.toString())) }() }
                }
                return true
            case 'actions/download-artifact':
                Path dest = Path.of(expand(with.path as String, ctx))
                if (with.pattern) {
                    def glob = FileSystems.default.getPathMatcher("glob:${with.pattern}")
                    Files.list(artifacts).withCloseable { s ->
                        s.filter { glob.matches(it.fileName) }.forEach { copyTree(it, dest.resolve(it.fileName.toString())) }
                    }
                } else {
                    Path from = artifacts.resolve(with.name as String)
                    if (!Files.isDirectory(from)) {
                        return false
                    }
                    copyTree(from, dest)
                }
                return true
            default:
                throw new AssertionError("an action this executor does not play: ${uses}")
        }
    }

    static void copyTree(Path from, Path to) {
        Files.walk(from).withCloseable { s ->
            s.forEach { p ->
                Path t = to.resolve(from.relativize(p).toString())
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t)
                } else {
                    Files.createDirectories(t.parent)
                    Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
                }
            }
        }
    }

    /** The subjects of origin's main, oldest first. */
    String landedOnOrigin() {
        GitRepo.gitIn(origin, 'log', '--reverse', '--format=%s', 'main')
    }

    static Map wtcraft(Path cwd, List<String> args) {
        def pb = new ProcessBuilder(['java', '-jar', JAR.toString()] + args).directory(cwd.toFile()).redirectErrorStream(true)
        def p = pb.start()
        def text = new String(p.inputStream.readAllBytes())
        [exit: p.waitFor(), text: text]
    }
}
