package dev.wtcraft.cli

import dev.wtcraft.support.GitRepo
import dev.wtcraft.testing.Processes
import groovy.json.JsonSlurper
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/** bin/wtcraft as a user runs it: a real process, from another directory, through a symlink on PATH. */
class LauncherIT extends Specification {
    static final Path HOME = Path.of(System.getProperty('user.dir')).toAbsolutePath()
    static final Path LAUNCHER = HOME.resolve('bin/wtcraft')

    @TempDir
    Path tmp

    Map run(Path cwd, Map<String, String> env, String... args) {
        def pb = new ProcessBuilder(args.toList()).directory(cwd.toFile())
        pb.environment().putAll(env)
        def p = pb.start()
        p.outputStream.close()
        def err = new StringBuilder()
        def t = Thread.start { err << new String(p.errorStream.readAllBytes(), StandardCharsets.UTF_8) }
        def out = new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8)
        int code = p.waitFor()
        t.join()
        [code: code, out: out, err: err.toString()]
    }

    def "--version works from another directory and through a symlink on PATH, without rebuilding a fresh jar"() {
        given:
        def binDir = Files.createDirectories(tmp.resolve('bin'))
        Files.createSymbolicLink(binDir.resolve('wtcraft'), LAUNCHER)
        def path = "${binDir}:${System.getenv('PATH')}".toString()

        when:
        def direct = run(tmp, [:], LAUNCHER.toString(), '--version')
        def linked = run(tmp, [PATH: path], 'bash', '-c', 'wtcraft --version')

        then:
        direct.code == 0
        direct.out.trim() ==~ /wtcraft \d+\.\d+\.\d+.*/
        linked.code == 0
        linked.out == direct.out
        !linked.err.contains('building')
    }

    def "a real process keeps stdout to one JSON document while verification output goes to stderr"() {
        given:
        def repo = GitRepo.create(tmp)
        repo.git('config', 'core.excludesFile', '/dev/null')
        assert run(repo.root, [:], LAUNCHER.toString(), 'init', '--local').code == 0
        assert run(repo.root, [:], LAUNCHER.toString(), 'new', 'feat/e2e', '--scope', 'src/',
                '--verify', 'echo child-output', '--verify', 'printf "%s" "$(ls src)"').code == 0
        GitRepo.writeIn(repo.worktree('feat/e2e'), 'src/caf\u00e9.txt', 'x')

        when:
        def check = run(repo.root, [LC_ALL: 'C', LANG: ''], LAUNCHER.toString(), 'check', '--json', 'feat/e2e')
        def verify = run(repo.root, [:], LAUNCHER.toString(), 'verify', '--json', 'feat/e2e')

        then: 'a non-UTF-8 locale does not break non-ASCII names: the launcher switches to C.UTF-8'
        check.code == 0
        new JsonSlurper().parseText(check.out).changed_files == ['src/caf\u00e9.txt']
        verify.code == 0
        verify.out.readLines().size() == 1
        new JsonSlurper().parseText(verify.out).summary == [total: 2, passed: 2, failed: 0]
        verify.err.contains('child-output')

        and: 'nothing from the libraries inside wtcraft reaches stderr (slf4j once warned here at the first process)'
        !verify.err.contains('SLF4J')
        verify.err.readLines().findAll { it.trim() } == ['child-output', 'caf\u00e9.txt']
    }

    def "without a JDK on PATH the launcher explains in one line"() {
        given: 'a PATH with bash and the few tools the launcher uses, but no java'
        def bin = Files.createDirectories(tmp.resolve('nojava'))
        ['bash', 'env', 'dirname', 'readlink', 'find', 'mktemp', 'tail', 'rm'].each { tool ->
            def found = ['/usr/bin', '/bin'].collect { Path.of(it, tool) }.find { Files.isExecutable(it) }
            Files.createSymbolicLink(bin.resolve(tool), found)
        }

        when:
        def r = run(tmp, [PATH: bin.toString(), JAVA_HOME: ''], LAUNCHER.toString(), '--version')

        then:
        r.code == 1
        r.out == ''
        r.err.readLines() == ['wtcraft: no Java found: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME']
    }

    def "Ctrl-C during a run stops the engine's process group and records the task as interrupted"() {
        given:
        def repo = GitRepo.create(tmp)
        repo.write('wtcraft.groovy', """\
            engines { shell 'slow', 'sleep 300 & echo \$! > "\$WTCRAFT_LEDGER/child.pid"; echo started; wait' }
            task('feat/slow') { engine 'slow' }
            task('feat/after') { dependsOn 'feat/slow' }
            """.stripIndent())
        repo.commit('recipe')
        def pb = new ProcessBuilder(LAUNCHER.toString(), 'run').directory(repo.root.toFile()).redirectErrorStream(true)
        def process = pb.start()
        process.outputStream.close()
        def output = new StringBuilder()
        def reader = Thread.start { output << new String(process.inputStream.readAllBytes(), StandardCharsets.UTF_8) }

        when: 'the engine is running, the user presses Ctrl-C'
        def runs = repo.root.resolve('.wtcraft/runs')
        long deadline = System.nanoTime() + 30_000_000_000L
        Path pidFile = null
        while (pidFile == null && System.nanoTime() < deadline) {
            Thread.sleep(100)
            if (Files.isDirectory(runs)) {
                pidFile = Files.walk(runs).filter { it.fileName.toString() == 'child.pid' && Files.size(it) > 0 }
                        .findFirst().orElse(null)
            }
        }
        assert pidFile != null: "the engine never started:\n${output}"
        long child = Files.readString(pidFile).trim() as long
        new ProcessBuilder('kill', '-INT', process.pid().toString()).start().waitFor()
        boolean exited = process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)
        reader.join(5000)
        def runJson = new JsonSlurper().parse(Files.list(runs).findFirst().get().resolve('run.json').toFile())

        then:
        exited
        process.exitValue() == 130
        runJson.tasks.'feat/slow'.outcome == 'interrupted'
        runJson.tasks.'feat/after'.outcome == 'skipped'
        runJson.finished_at != null
        Processes.stops(child, java.time.Duration.ofSeconds(5))
        Files.readAllLines(pidFile.parent.resolve('events.jsonl')).every { new JsonSlurper().parseText(it).seq > 0 }
    }

    def "progress: live lines redrawn on a terminal, plain appended lines otherwise, never both"() {
        given:
        def repo = GitRepo.create(tmp)
        repo.write('wtcraft.groovy', """\
            engines { shell 's', 'sleep 1; echo x > \$WTCRAFT_PROMPT' }
            task('feat/a') { engine 's'; prompt 'a.txt'; scope 'a.txt' }
            task('feat/b') { engine 's'; prompt 'b.txt'; scope 'b.txt' }
            """.stripIndent())
        repo.commit('recipe')

        when: 'on a terminal (script gives it one)'
        def tty = run(repo.root, [TERM: 'xterm'], 'script', '-qefc', "${LAUNCHER} run".toString(), '/dev/null')
        ['worktrees', '.wtcraft'].each { repo.root.resolve(it).toFile().deleteDir() }
        repo.git('worktree', 'prune')
        repo.git('branch', '-D', 'feat/a', 'feat/b')
        def plain = run(repo.root, [TERM: 'xterm'], LAUNCHER.toString(), 'run')

        then:
        tty.code == 0
        tty.out.contains('\u001b[')
        tty.out.contains('[feat/a] passed')
        plain.code == 0
        !plain.out.contains('\u001b[')
        plain.out.contains('[feat/a] engine s: sleep 1')
        plain.out.contains('[feat/a] passed')
    }

    def "a sandboxed engine dies with wtcraft, even when wtcraft is killed with SIGKILL"() {
        given:
        dev.wtcraft.support.SandboxSupport.requireSandbox()
        def repo = GitRepo.create(tmp)
        String marker = "sleep ${3000 + new Random().nextInt(1000)}"
        repo.write('wtcraft.groovy', """\
            engines { shell 'slow', 'echo started; ${marker}' }
            task('feat/slow') { engine 'slow'; sandbox { network false } }
            """.stripIndent())
        repo.commit('recipe')
        def process = new ProcessBuilder(LAUNCHER.toString(), 'run').directory(repo.root.toFile()).redirectErrorStream(true).start()
        process.outputStream.close()
        Thread.start { process.inputStream.readAllBytes() }
        def running = { new ProcessBuilder('pgrep', '-f', marker).start().with { it.waitFor(); it.exitValue() == 0 } }
        long deadline = System.nanoTime() + 30_000_000_000L
        while (!running() && System.nanoTime() < deadline) {
            Thread.sleep(100)
        }
        assert running(): 'the sandboxed engine never started'

        when:
        new ProcessBuilder('kill', '-KILL', process.pid().toString()).start().waitFor()
        process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)
        long until = System.nanoTime() + 10_000_000_000L
        while (running() && System.nanoTime() < until) {
            Thread.sleep(100)
        }

        then:
        !running()
    }

    def "an untrusted library source is asked about on a terminal, once: no refuses, yes is remembered"() {
        given:
        Path lib = Files.createDirectories(tmp.resolve('lib'))
        GitRepo.gitIn(lib, 'init', '-q', '-b', 'main')
        GitRepo.writeIn(lib, 'vars/checks.groovy', "def call() { return { run 'true' } }\n")
        GitRepo.gitIn(lib, 'add', '-A')
        GitRepo.gitIn(lib, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'lib')
        def repo = GitRepo.create(tmp)
        repo.write('wtcraft.groovy', "libraries {\n    use '../lib@main', as: 'acme'\n}\ntask('feat/a') { verify acme.checks() }\n")
        repo.commit('recipe')
        Path config = tmp.resolve('config')
        def env = [WTCRAFT_CONFIG_DIR: config.toString(), WTCRAFT_CACHE_DIR: tmp.resolve('cache').toString()]
        def onTerminal = { String answer ->
            def pb = new ProcessBuilder('script', '-qefc', "${LAUNCHER} plan".toString(), '/dev/null').directory(repo.root.toFile())
            pb.environment().putAll(env)
            def p = pb.start()
            p.outputStream.withCloseable { it.write(answer.getBytes(StandardCharsets.UTF_8)); it.flush(); Thread.sleep(3000) }
            def out = new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8)
            [code: p.waitFor(), out: out]
        }

        when:
        def no = onTerminal('n\n')

        then:
        no.code == 1
        no.out.contains("library 'acme' comes from ${lib}, a source you have not trusted yet")
        no.out.contains('which you have not trusted: read it, then run: wtcraft lib trust')
        !Files.exists(config.resolve('trusted-libraries'))

        when:
        def yes = onTerminal('y\n')
        def later = run(repo.root, env, LAUNCHER.toString(), 'plan')

        then:
        yes.code == 0
        yes.out.contains('feat/a')
        Files.readAllLines(config.resolve('trusted-libraries')).contains(lib.toString())
        later.code == 0
        later.err.isEmpty()
    }

    def "commands that need no recipe never load a Groovy class"() {
        given:
        def repo = GitRepo.create(tmp)
        repo.git('config', 'core.excludesFile', '/dev/null')
        assert run(repo.root, [:], LAUNCHER.toString(), 'init', '--local').code == 0
        assert run(repo.root, [:], LAUNCHER.toString(), 'new', 'feat/g', '--verify', 'true').code == 0
        def env = [WTCRAFT_JAVA_OPTS: '-verbose:class']

        expect:
        [['--version'], ['capabilities', '--json'], ['status', '--json'], ['check', '--json', 'feat/g'],
         ['verify', '--json', 'feat/g'], ['state', 'feat/g', '--agent', 'x']].every { args ->
            def r = run(repo.root, env, ([LAUNCHER.toString()] + args) as String[])
            def loaded = r.out.readLines().findAll { it.contains('[class,load]') }
            assert loaded.size() > 100: "no class loading seen for ${args}"
            def groovy = loaded.findAll { it.contains(' groovy.') || it.contains('org.codehaus.groovy') }
            assert groovy.isEmpty(): "${args} loaded ${groovy.size()} Groovy classes, first: ${groovy[0]}"
            true
        }
    }

    def "wtcraft shell --script loads a recipe, runs a task with the shell engine, reads its ledger, and exits with its code"() {
        given:
        def repo = GitRepo.create(tmp)
        repo.write('wtcraft.groovy', """\
            engines { shell 'writer', 'mkdir -p src && echo hi > src/a.txt' }
            task('feat/a') { engine 'writer'; scope 'src/'; verify { run 'test -s src/a.txt' } }
            task('feat/b') { engine 'writer'; scope 'docs/' }
            """.stripIndent())
        repo.commit('recipe')
        repo.write('tour.jsh', """\
            System.out.println("tasks " + tasks());
            var report = run("feat/a");
            var task = ledger().tasks().get(0);
            System.out.println("ran " + report.tasks().size() + ": " + task.name() + " " + task.outcome() + ", "
                    + task.steps().size() + " step, changed " + task.changed().get(0).path());
            System.out.println("check " + check("feat/a").passed());
            /exit 7
            """.stripIndent())

        when:
        def r = run(repo.root, [:], LAUNCHER.toString(), 'shell', 'wtcraft.groovy', '--script', 'tour.jsh')
        def lines = r.out.readLines()

        then:
        r.code == 7
        lines.contains('tasks [feat/a, feat/b]')
        lines.contains('ran 1: feat/a passed, 1 step, changed src/a.txt')
        lines.contains('check true')
        r.err.trim() == ''
        Files.isRegularFile(repo.root.resolve('worktrees/feat/a/src/a.txt'))
        !Files.exists(repo.root.resolve('worktrees/feat/b'))
    }

    def "wtcraft shell --script exits non-zero when a snippet throws or does not compile"() {
        given:
        def repo = GitRepo.create(tmp)
        repo.write('throws.jsh', 'System.out.println("before");\nint x = 1 / 0;\nSystem.out.println("after");\n')
        repo.write('broken.jsh', 'undefinedThing();\n')

        when:
        def thrown = run(repo.root, [:], LAUNCHER.toString(), 'shell', '--script', 'throws.jsh')
        def broken = run(repo.root, [:], LAUNCHER.toString(), 'shell', '--script', 'broken.jsh')

        then:
        thrown.code == 1
        thrown.err.contains('ArithmeticException')
        thrown.err.contains('wtcraft shell: throws.jsh failed: a snippet threw or did not compile (see above)')
        broken.code == 1
        broken.err.contains('wtcraft shell: broken.jsh failed')
    }

    def "the launcher records a class-data-sharing archive in the background that holds picocli, and a broken one breaks nothing"() {
        given: 'no archive yet (nor a recording of one)'
        def cds = HOME.resolve('target/cds')
        if (Files.isDirectory(cds)) {
            Files.list(cds).filter { it.fileName.toString().contains('-jdk17.jsa') }.each { it.toFile().setWritable(true); Files.delete(it) }
            Files.deleteIfExists(cds.resolve('.lock'))
        }

        when: 'a first use starts the recording, from a directory that is gone before it ends'
        def gone = Files.createDirectories(tmp.resolve('gone'))
        run(gone, [:], LAUNCHER.toString(), '--version')
        Files.delete(gone)
        long deadline = System.nanoTime() + 60_000_000_000L
        def archives = []
        while (archives.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200)
            archives = Files.isDirectory(cds) ? Files.list(cds).filter { it.fileName.toString().endsWith('.jsa') }.toList() : []
        }

        then:
        archives.size() == 1

        when: 'a command starts once the archive is noted'
        while (!Files.exists(Path.of(archives[0].toString() + '.stamp')) && System.nanoTime() < deadline) {
            Thread.sleep(200)
        }
        def loaded = run(tmp, [WTCRAFT_JAVA_OPTS: '-Xlog:class+load'], LAUNCHER.toString(), 'capabilities')

        then: 'picocli, whose classes are Java 5 classes (which a dynamic archive leaves out), comes from the archive'
        loaded.out.readLines().find { it.contains(' picocli.CommandLine ') }?.contains('shared objects file')

        when: 'the archive is damaged'
        def bytes = Files.readAllBytes(archives[0])
        archives[0].toFile().setWritable(true)
        (4096..<4096 + 512).each { bytes[it] = (byte) (bytes[it] ^ 0x5a) }
        Files.write(archives[0], bytes)
        def caps = run(tmp, [:], LAUNCHER.toString(), 'capabilities', '--json')

        then: 'stdout is still one JSON document'
        caps.code == 0
        new JsonSlurper().parseText(caps.out).protocol_version == 1

        cleanup:
        archives?.each { Files.deleteIfExists(it) }
    }

    /** A JDK 25 or later on this machine (Temurin's is on this project's machine kind), or null. */
    static Path jdk25() {
        def jvms = Path.of('/usr/lib/jvm')
        if (!Files.isDirectory(jvms)) {
            return null
        }
        Files.list(jvms).toList().find { home ->
            def release = home.resolve('release')
            def m = Files.isReadable(release) ? (Files.readString(release) =~ /JAVA_VERSION="(\d+)/) : null
            m != null && m.find() && (m.group(1) as int) >= 25 && Files.isExecutable(home.resolve('bin/java'))
        }
    }

    @spock.lang.Requires({ LauncherIT.jdk25() != null })
    def "on JDK 25 the launcher records an AOT cache beside the JDK 17 archive, and a broken one breaks nothing"() {
        given:
        def cds = HOME.resolve('target/cds')
        def env = [JAVA_HOME: jdk25().toString()]

        when: 'runs go on while a recording, perhaps another JDK\'s, holds the lock; one of them records the cache'
        long deadline = System.nanoTime() + 90_000_000_000L
        def caches = []
        while (caches.isEmpty() && System.nanoTime() < deadline) {
            run(tmp, env, LAUNCHER.toString(), '--version')
            Thread.sleep(2000)
            caches = Files.list(cds).filter { it.fileName.toString().endsWith('-jdk25.aot') }.toList()
        }

        then:
        caches.size() == 1

        when: 'the cache is damaged (JDK 25 would crash on it)'
        def bytes = Files.readAllBytes(caches[0])
        (4096..<4096 + 512).each { bytes[it] = (byte) (bytes[it] ^ 0x5a) }
        caches[0].toFile().setWritable(true)
        Files.write(caches[0], bytes)
        def caps = run(tmp, env, LAUNCHER.toString(), 'capabilities', '--json')

        then: 'the launcher sees it is not the file it recorded, drops it, and the run goes on'
        caps.code == 0
        new JsonSlurper().parseText(caps.out).protocol_version == 1

        cleanup:
        caches?.each { Files.deleteIfExists(it) }
    }
}
