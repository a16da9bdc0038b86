package dev.wtcraft.task

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

class CheckSpec extends WtcraftSpecification {

    def "each pattern form is judged on a real worktree: #file with scope #scope is #verdict"() {
        given:
        Path wt = newTask('feat/p', scope.collectMany { ['--scope', it] })
        GitRepo.writeIn(wt, file, 'x\n')

        when:
        def run = wtcraft('check', '--json', 'feat/p')

        then:
        run.exitCode == (verdict == 'clean' ? 0 : 2)
        run.json.changed_files == [file]
        run.json.violations*.kind == (verdict == 'clean' ? [] : ['scope'])

        where:
        scope          | file                || verdict
        ['src']        | 'src/a/b.txt'       || 'clean'
        ['src/']       | 'src/x.txt'         || 'clean'
        ['src/']       | 'src2/x.txt'        || 'violation'
        ['src/*.ts']   | 'src/deep/er/a.ts'  || 'clean'
        ['src/*.ts']   | 'src/a.js'          || 'violation'
        ['*.md']       | 'docs/x/y.md'       || 'clean'
        ['file?.txt*'] | 'file7.txt'         || 'clean'
        ['file?.txt']  | 'file7.txt'         || 'violation'
        ['v[12]*']     | 'v2.txt'            || 'clean'
        ['v[12]*']     | 'v3.txt'            || 'violation'
    }

    def "one file can break both scope and off-limits, each off-limits item on its own"() {
        given:
        Path wt = newTask('feat/both', ['--scope', 'src/', '--off-limits', 'package.json', '--off-limits', '*.json'])
        GitRepo.writeIn(wt, 'package.json', '{}\n')

        when:
        def run = wtcraft('check', '--json', 'feat/both')

        then:
        run.exitCode == 2
        run.json.ok == true
        run.json.result == 'fail'
        run.json.exit_code == 2
        run.json.violations.collect { [it.kind, it.file, it.matched] } == [
                ['scope', 'package.json', null],
                ['off_limits', 'package.json', 'package.json'],
                ['off_limits', 'package.json', '*.json']]
        run.json.summary.violation_count == 3
    }

    def "committed, staged, unstaged, untracked and deleted files all count; commits on the base after branching do not"() {
        given:
        repo.write('tracked.txt', 'one\n')
        repo.write('gone.txt', 'bye\n')
        repo.write('staged.txt', 'a\n')
        repo.commit('more files')
        Path wt = newTask('feat/c', ['--scope', 'nothing/'])
        GitRepo.writeIn(wt, 'committed.txt', 'c\n')
        GitRepo.gitIn(wt, 'add', 'committed.txt')
        GitRepo.gitIn(wt, 'commit', '-q', '-m', 'on branch')
        GitRepo.writeIn(wt, 'staged.txt', 'changed\n')
        GitRepo.gitIn(wt, 'add', 'staged.txt')
        GitRepo.writeIn(wt, 'tracked.txt', 'two\n')
        Files.delete(wt.resolve('gone.txt'))
        GitRepo.writeIn(wt, 'new.txt', 'n\n')
        repo.write('base-only.txt', 'later on main\n')
        repo.commit('main moves on')

        when:
        def run = wtcraft('check', '--json', 'feat/c')

        then:
        run.json.changed_files == ['committed.txt', 'gone.txt', 'staged.txt', 'tracked.txt', 'new.txt']
        !run.json.changed_files.contains('base-only.txt')
    }

    def "ignored files are not changes, and a rename is a deletion plus an addition"() {
        given:
        repo.write('.gitignore', 'build/\n*.log\n')
        repo.write('old/name.txt', 'same content\n')
        repo.commit('ignore rules')
        Path wt = newTask('feat/r', ['--scope', 'new/', '--off-limits', 'old/'])
        GitRepo.writeIn(wt, 'build/out.bin', 'x')
        GitRepo.writeIn(wt, 'debug.log', 'x')
        Files.createDirectories(wt.resolve('new'))
        GitRepo.gitIn(wt, 'mv', 'old/name.txt', 'new/name.txt')
        GitRepo.gitIn(wt, 'commit', '-q', '-m', 'rename')

        when:
        def run = wtcraft('check', '--json', 'feat/r')

        then:
        run.json.changed_files == ['new/name.txt', 'old/name.txt']
        run.json.violations.collect { [it.kind, it.file] } == [['scope', 'old/name.txt'], ['off_limits', 'old/name.txt']]
    }

    def "a force-committed contract is a local_task_file violation"() {
        given:
        Path wt = newTask('feat/f')
        GitRepo.gitIn(wt, 'add', '-f', '.worktree-task.md')
        GitRepo.gitIn(wt, 'commit', '-q', '-m', 'oops')

        when:
        def run = wtcraft('check', '--json', 'feat/f')

        then:
        run.exitCode == 2
        run.json.violations.collect { [it.kind, it.file] } == [['local_task_file', '.worktree-task.md']]
    }

    def "editing the scope after planning is reported first, until the task is planned again"() {
        given:
        Path wt = newTask('feat/s', ['--scope', 'src/'])
        editContract(wt, '- src/', '- src/\n- everything/')

        when:
        def changed = wtcraft('check', '--json', 'feat/s')

        then:
        changed.exitCode == 2
        changed.json.specification_changed == true
        changed.json.violations[0].kind == 'specification_changed'

        when:
        wtcraft('state', 'feat/s', '--stage', 'planned')
        def replanned = wtcraft('check', '--json', 'feat/s')

        then:
        replanned.exitCode == 0
        replanned.json.specification_changed == false
    }

    def "without a stored digest specification_changed is null"() {
        given:
        Path wt = newTask('feat/nodigest')
        Files.delete(Path.of(GitRepo.gitIn(wt, 'rev-parse', '--git-path', 'wtcraft/spec.digest').trim()).with {
            it.absolute ? it : wt.resolve(it)
        })

        expect:
        wtcraft('check', '--json', 'feat/nodigest').json.specification_changed == null
    }

    def "an unknown base is fatal with the protocol's error object"() {
        given:
        Path wt = newTask('feat/b')
        editContract(wt, 'base: main', 'base: no-such-branch')

        when:
        def run = wtcraft('check', '--json', 'feat/b')

        then:
        run.exitCode == 1
        run.json == [protocol_version: 1, command: 'check', ok: false,
                     error: [code: 1, message: 'failed to enumerate changed files against base: no-such-branch']]
    }

    def "check records its result in the state file, on failure too"() {
        given:
        Path wt = newTask('feat/rec', ['--scope', 'src/'])
        GitRepo.writeIn(wt, 'rogue.txt', 'x')

        when:
        def run = wtcraft('check', 'feat/rec')
        def state = new groovy.json.JsonSlurper().parse(wt.resolve('.worktree-state.json').toFile())

        then:
        run.exitCode == 2
        run.out.contains('Scope violation: rogue.txt')
        state.check_result == 'fail'
        state.checked ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/
        state.check_snapshot == wtcraft('check', '--json', 'feat/rec').json.snapshot
    }

    def "file names with spaces, newlines, quotes and non-UTF-8 bytes are enumerated and judged"() {
        given:
        Path wt = newTask('feat/n', ['--scope', 'src/'])
        GitRepo.writeIn(wt, 'src/with space.txt', 'x')
        GitRepo.writeIn(wt, 'new\nline.txt', 'x')
        GitRepo.writeIn(wt, 'src/"quoted".txt', 'x')
        def latin1 = new ProcessBuilder('bash', '-c', 'printf y > "$(printf \'caf\\351.txt\')"')
                .directory(wt.toFile()).start()
        assert latin1.waitFor() == 0

        when:
        def run = wtcraft('check', '--json', 'feat/n')

        then:
        run.json.changed_files as Set == ['src/with space.txt', 'new\nline.txt', 'src/"quoted".txt', 'caf\uFFFD.txt'] as Set
        run.json.violations*.file as Set == ['new\nline.txt', 'caf\uFFFD.txt'] as Set
        run.json.snapshot ==~ /[0-9a-f]{64}/

        when: 'the non-UTF-8 file changes, the snapshot changes'
        def before = run.json.snapshot
        new ProcessBuilder('bash', '-c', 'printf z > "$(printf \'caf\\351.txt\')"').directory(wt.toFile()).start().waitFor()

        then:
        wtcraft('check', '--json', 'feat/n').json.snapshot != before
    }

    def "a symlink in scope that leads outside the worktree is a path_escape; one that stays inside is not"() {
        given:
        Path wt = newTask('feat/links', ['--scope', 'src/'])
        Files.createDirectories(wt.resolve('src/deep'))
        GitRepo.writeIn(wt, 'src/real.txt', 'x')
        Files.createSymbolicLink(wt.resolve('src/passwd'), Path.of('/etc/passwd'))
        Files.createSymbolicLink(wt.resolve('src/deep/up'), Path.of('../../../../outside.txt'))
        Files.createSymbolicLink(wt.resolve('src/inside'), Path.of('real.txt'))

        when:
        def run = wtcraft('check', '--json', 'feat/links')

        then:
        run.exitCode == 2
        run.json.violations.collect { [it.kind, it.file] } as Set ==
                [['path_escape', 'src/passwd'], ['path_escape', 'src/deep/up']] as Set
        run.json.violations.find { it.file == 'src/passwd' }.message == 'Path escapes the worktree: src/passwd -> /etc/passwd'
    }

    def "a mode change is a change, judged like any other"() {
        given:
        repo.write('tool.sh', 'echo hi\n')
        repo.commit('a script')
        Path wt = newTask('feat/mode', ['--scope', 'src/'])
        wt.resolve('tool.sh').toFile().setExecutable(true)

        when:
        def run = wtcraft('check', '--json', 'feat/mode')

        then:
        run.exitCode == 2
        run.json.changed_files == ['tool.sh']
        run.json.violations*.kind == ['scope']
    }

    def ".gitattributes, .gitmodules and submodule pointers are git_metadata unless Scope names the exact path"() {
        given:
        Path sub = tmp.resolve('sub')
        Files.createDirectories(sub)
        GitRepo.gitIn(sub, 'init', '-q', '-b', 'main')
        GitRepo.writeIn(sub, 'a.txt', 'a\n')
        GitRepo.gitIn(sub, 'add', '-A')
        GitRepo.gitIn(sub, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'sub')
        Path wt = newTask('feat/meta', ['--scope', 'docs/.gitattributes', '--scope', 'src/'])
        GitRepo.writeIn(wt, '.gitattributes', '* filter=evil\n')
        GitRepo.writeIn(wt, 'docs/.gitattributes', '*.md text\n')
        GitRepo.gitIn(wt, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.toString(), 'src/vendor')

        when:
        def run = wtcraft('check', '--json', 'feat/meta')
        def meta = run.json.violations.findAll { it.kind == 'git_metadata' }

        then:
        run.exitCode == 2
        meta*.file as Set == ['.gitattributes', '.gitmodules', 'src/vendor'] as Set
        meta.find { it.file == 'src/vendor' }.message == 'Submodule pointer changed: src/vendor (name it in Scope to allow it)'
        !run.json.violations.any { it.file == 'docs/.gitattributes' }
    }
}
