package dev.wtcraft.cli

import dev.wtcraft.support.GitRepo
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
}
