package dev.wtcraft.sandbox

import dev.wtcraft.support.AttackReport
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.SandboxSupport
import dev.wtcraft.support.WtcraftProcess
import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/**
 * An engine that knows how wtcraft works plants programs for wtcraft's own git to run on the host, outside any
 * sandbox: a nested repository's core.fsmonitor (and one its config includes), hooks, filter, textconv, diff and
 * merge drivers named in .gitattributes, pagers, editors, ssh and signing programs, includes. Each payload would
 * leave a marker file; after run, status, check, diff, review, clean and finish none may exist.
 */
class GitPayloadSpec extends WtcraftSpecification {
    Path markers
    Path payload

    def setup() {
        markers = Files.createDirectories(tmp.resolve('markers'))
        payload = tmp.resolve('payload.sh')
        Files.writeString(payload, '#!/bin/sh\ntouch "' + markers + '/$1"\nexit 1\n')
        payload.toFile().setExecutable(true, false)
        repo.write('src/app.txt', '1\n2\n3\n4\n5\n6\n7\n')
        repo.write('plant.sh', PLANT)
        assert wtcraft('init', '--local').exitCode == 0
    }

    /** What the engine writes. Its own git commands come first, before any payload is in place. */
    static final String PLANT = '''\
        P="$PAYLOAD"
        hook() { mkdir -p "$1"; printf '#!/bin/sh\\n%s %s\\n' "$P" "$2" > "$1/$3"; chmod +x "$1/$3"; }
        # a nested repository, committed (so wtcraft's commit records it as a gitlink), then armed
        git init -q nested && echo n > nested/n.txt && git -C nested add -A
        git -C nested -c user.email=e@x -c user.name=e -c core.hooksPath=/dev/null commit -qm nested
        git -C nested config core.fsmonitor "$P nested-fsmonitor"
        printf '[core]\\n\\tfsmonitor = %s nested-included-fsmonitor\\n[filter "nf"]\\n\\tclean = %s nested-filter\\n' "$P" "$P" > nested/.git/evil.cfg
        git -C nested config 'includeIf.gitdir:/.path' evil.cfg
        for h in pre-commit post-commit post-checkout reference-transaction post-index-change; do hook nested/.git/hooks nested-hook-$h $h; done
        echo '* filter=nf' > nested/.gitattributes
        echo dirty >> nested/n.txt
        printf '[submodule "nested"]\\n\\tpath = nested\\n\\turl = ./nested\\n\\tignore = none\\n' > .gitmodules
        # attributes that name drivers: the user's configured ones, and ones the engine defines itself
        printf '* filter=userfilter diff=userdiff merge=usermerge\\n*.txt filter=evil diff=evil merge=evil\\n' > .gitattributes
        echo 8 >> src/app.txt
        echo new > src/new.txt
        # without a sandbox the repository's own git directory is writable too: hooks, config, includes, attributes
        common="$(git rev-parse --git-common-dir)"
        for h in pre-commit post-commit post-checkout post-merge post-rewrite reference-transaction post-index-change pre-auto-gc; do
            hook "$common/hooks" hook-$h $h 2>/dev/null || true
        done
        hook "$PWD/.hooks" hooks-path-post-commit post-commit
        {
            printf '[core]\\n\\tfsmonitor = %s fsmonitor\\n\\tpager = %s pager\\n\\teditor = %s editor\\n' "$P" "$P" "$P"
            printf '\\tsshCommand = %s ssh\\n\\taskPass = %s askpass\\n\\thooksPath = %s/.hooks\\n' "$P" "$P" "$PWD"
            printf '[sequence]\\n\\teditor = %s sequence-editor\\n[commit]\\n\\tgpgSign = true\\n[gpg]\\n\\tprogram = %s gpg\\n' "$P" "$P"
            printf '[diff]\\n\\texternal = %s diff-external\\n[credential]\\n\\thelper = !%s credential\\n' "$P" "$P"
            printf '[filter "evil"]\\n\\tclean = %s filter-clean\\n\\tsmudge = %s filter-smudge\\n\\tprocess = %s filter-process\\n\\trequired = true\\n' "$P" "$P" "$P"
            printf '[diff "evil"]\\n\\ttextconv = %s textconv\\n\\tcommand = %s diff-command\\n[merge "evil"]\\n\\tdriver = %s merge-driver\\n' "$P" "$P" "$P"
            printf '[include]\\n\\tpath = %s/included.cfg\\n[includeIf "gitdir:/"]\\n\\tpath = %s/included-if.cfg\\n[safe]\\n\\tdirectory = *\\n' "$PWD" "$PWD"
        } >> "$common/config" 2>/dev/null || true
        printf '[filter "inc"]\\n\\tclean = %s included-filter\\n' "$P" > included.cfg
        printf '[diff "incif"]\\n\\ttextconv = %s included-if-textconv\\n' "$P" > included-if.cfg
        printf '*.txt filter=inc diff=incif\\n' > "$common/info/attributes" 2>/dev/null || true
        echo planted
        '''.stripIndent()

    /** The user's own drivers, as a repository with LFS or a custom diff has them: the engine names them. */
    private void userDrivers() {
        repo.git('config', 'filter.userfilter.clean', "${payload} user-filter-clean")
        repo.git('config', 'filter.userfilter.smudge', "${payload} user-filter-smudge")
        repo.git('config', 'diff.userdiff.textconv', "${payload} user-textconv")
        repo.git('config', 'merge.usermerge.driver', "${payload} user-merge-driver")
    }

    private void recipe(String sandbox) {
        repo.write('wtcraft.groovy', """\
            engines { shell 'planter', 'bash plant.sh' }
            task('feat/plant') {
                engine 'planter'
                scope 'src/'
                ${sandbox}
                verify { run 'true' }
            }
            """.stripIndent())
        repo.commit('the recipe')
    }

    private List<String> ran() {
        Files.list(markers).withCloseable { it.map { it.fileName.toString() }.sorted().toList() }
    }

    /** Every command that looks at the task afterwards, as a person would run them. */
    private List<WtcraftRun> afterwards(Closure<WtcraftRun> cli) {
        [cli('status', '--json'), cli('check', 'feat/plant', '--json'), cli('diff', 'feat/plant', '--json'),
         cli('diff', 'last'), cli('review', 'feat/plant', '--command', 'echo VERDICT: APPROVE', '--json'),
         cli('finish', 'feat/plant', '--json'), cli('clean', '--dry-run')]
    }

    private static void record(AttackReport report, List<String> ran, Map<String, List<String>> payloads) {
        payloads.each { attack, names ->
            def went = names.findAll { ran.contains(it) }
            report.blocked(attack, went.isEmpty(), "wtcraft's git ran none of it", "ran ${went}")
        }
    }

    static final Map<String, List<String>> WORKTREE_PAYLOADS = [
            'nested repository: core.fsmonitor'          : ['nested-fsmonitor'],
            'nested repository: includeIf config'        : ['nested-included-fsmonitor', 'nested-filter'],
            'nested repository: hooks'                   : ['pre-commit', 'post-commit', 'post-checkout', 'reference-transaction', 'post-index-change'].collect { "nested-hook-${it}".toString() },
            '.gitattributes naming the user\'s drivers'  : ['user-filter-clean', 'user-filter-smudge', 'user-textconv', 'user-merge-driver'],
    ]

    static final Map<String, List<String>> GIT_DIR_PAYLOADS = [
            'hooks (post-commit runs under --no-verify)' : ['pre-commit', 'post-commit', 'post-checkout', 'post-merge', 'post-rewrite', 'reference-transaction', 'post-index-change', 'pre-auto-gc'].collect { "hook-${it}".toString() },
            'core.hooksPath into the worktree'           : ['hooks-path-post-commit'],
            'core.fsmonitor'                             : ['fsmonitor'],
            'filter driver (clean, smudge, process)'     : ['filter-clean', 'filter-smudge', 'filter-process'],
            'textconv and external diff drivers'         : ['textconv', 'diff-command', 'diff-external'],
            'merge driver'                               : ['merge-driver'],
            'core.pager, core.editor, sequence.editor'   : ['pager', 'editor', 'sequence-editor'],
            'core.sshCommand, core.askPass, credentials' : ['ssh', 'askpass', 'credential'],
            'gpg.program with commit.gpgSign'            : ['gpg'],
            'include.path and includeIf into the worktree': ['included-filter', 'included-if-textconv'],
    ]

    def "a sandboxed engine's nested repositories and attributes make wtcraft's git run nothing"() {
        given:
        SandboxSupport.requireSandbox()
        recipe("sandbox { filesystem 'workspace-write' }")
        userDrivers()

        when:
        def run = wtcraftEnv([PAYLOAD: payload.toString()], 'run', '--json')
        def later = afterwards { String... args -> wtcraft(args) }
        def report = new AttackReport('git payloads planted by a sandboxed engine, run as root')
        record(report, ran(), WORKTREE_PAYLOADS)
        report.reported('the nested repository and attribute files', run.json.tasks[0].violations.any { it.kind == 'git_metadata' },
                'git_metadata', "check said ${run.json.tasks[0].violations}")

        then:
        report.allStopped()
        engineSaid('planted')
        later[1].json.ok
        ran() == []
    }

    def "the same, as an unprivileged user"() {
        given:
        SandboxSupport.requireSandbox()
        WtcraftProcess.requireUserSwitch()
        recipe("sandbox { filesystem 'workspace-write' }")
        userDrivers()
        Path home = Files.createDirectories(tmp.resolve('home'))
        WtcraftProcess.handOver(tmp)
        def cli = { String... args -> WtcraftProcess.asUser(repo.root, home, [PAYLOAD: payload.toString()], args) }

        when:
        def run = cli('run', '--json')
        afterwards(cli)
        def report = new AttackReport("git payloads planted by a sandboxed engine, run as uid ${WtcraftProcess.UID}")
        record(report, ran(), WORKTREE_PAYLOADS)

        then:
        report.allStopped()
        run.json.tasks[0].outcome == 'scope_violation'
        engineSaid('planted')
        ran() == []
    }

    def "without a sandbox the engine arms the repository's own git directory too, and still nothing runs"() {
        given:
        recipe("sandbox { required false }")
        userDrivers()
        System.setProperty('wtcraft.bwrap', '/nonexistent/bwrap')

        when:
        def run = wtcraftEnv([PAYLOAD: payload.toString()], 'run', '--json')
        afterwards { String... args -> wtcraftEnv([PAYLOAD: payload.toString()], args) }
        def internals = ledgerJson('check.json').violations.findAll { it.kind == 'git_internals' }*.message
        def report = new AttackReport('git payloads planted by an engine without a sandbox, run as root')
        record(report, ran(), WORKTREE_PAYLOADS + GIT_DIR_PAYLOADS)
        report.reported('hooks and config changed', internals.any { it.contains('hook post-commit added') } && internals.any { it.contains('config changed') },
                'git_internals: hooks added, config changed', "check said ${internals}")

        then:
        report.allStopped()
        engineSaid('planted')
        ran() == []

        cleanup:
        System.clearProperty('wtcraft.bwrap')
    }

    def "the recorded diff and wtcraft diff run no planted external diff or textconv, and a planted -diff hides nothing"() {
        given: 'an engine without a sandbox: attributes in the worktree, info/attributes and an attributes file, drivers in config'
        repo.write('wtcraft.groovy', '''\
            engines { shell 'hider', 'bash hide.sh' }
            task('feat/plant') { engine 'hider'; scope 'src/' }
            '''.stripIndent())
        repo.write('hide.sh', '''\
            P="$PAYLOAD"
            common="$(git rev-parse --git-common-dir)"
            printf 'src/app.txt -diff\\nsrc/new.txt diff=evil\\n' > .gitattributes
            printf '* -diff\\n' > "$common/info/attributes"
            printf '* -diff diff=evil\\n' > "$PWD/../evil-attributes"
            git config core.attributesFile "$PWD/../evil-attributes"
            git config diff.external "$P diff-external"
            git config diff.evil.textconv "$P textconv"
            git config diff.evil.command "$P diff-command"
            git config diff.evil.binary true
            echo 8 >> src/app.txt
            echo "the new line" > src/new.txt
            '''.stripIndent())
        repo.commit('recipe')

        when:
        def run = wtcraftEnv([PAYLOAD: payload.toString()], 'run', '--json')
        def recorded = ledgerJson('diff.json')
        String patch = Files.readString(ledgerFile('diff.patch'))
        def live = wtcraftEnv([PAYLOAD: payload.toString()], 'diff', 'feat/plant', '--json')
        def report = new AttackReport('attributes and drivers planted for the diff wtcraft records and shows')
        report.blocked('diff.external, a textconv and a diff command', ran().isEmpty(), "wtcraft's git ran none of it", "ran ${ran()}")
        [recorded: patch, 'wtcraft diff': live.json.patch as String].each { where, text ->
            report.blocked("-diff and binary in .gitattributes, info/attributes, core.attributesFile (${where})",
                    text.contains('+8\n') && text.contains('+the new line\n') && !text.contains('Binary files'),
                    'the content is shown as text', "the diff said:\n${text}")
        }

        then:
        report.allStopped()
        run.json.tasks[0].outcome == 'scope_violation'            // .gitattributes is git metadata Scope does not name
        recorded.files.findAll { it.path.startsWith('src/') }.collect { [it.path, it.binary, it.additions] } ==
                [['src/app.txt', false, 1], ['src/new.txt', false, 1]]
        recorded.files.find { it.path == '.gitattributes' }.violations == ['scope', 'git_metadata']
        live.json.files*.binary.every { !it }
        ran() == []
    }

    def "an engine that gives its worktree to another user makes wtcraft's git refuse it, and nothing passes"() {
        given: 'as root without a sandbox, the engine can chown; git then calls the worktree dubious'
        org.junit.jupiter.api.Assumptions.assumeTrue(WtcraftProcess.isRoot(), 'only root can give files away')
        repo.write('wtcraft.groovy', """\
            engines { shell 'giver', 'echo x > src/app.txt; chown -R ${WtcraftProcess.UID} .' }
            task('feat/plant') { engine 'giver'; scope 'src/' }
            """.stripIndent())
        repo.commit('recipe')

        when:
        def run = wtcraft('run', '--json')
        def check = wtcraft('check', 'feat/plant', '--json')
        def report = new AttackReport('safe.directory: a worktree given to another user')
        report.record('chown the worktree, then be judged', run.json.tasks[0].outcome != 'passed' && check.exitCode != 0,
                "refused: run ended ${run.json.tasks[0].outcome}, check exit ${check.exitCode}", "run ${run.json.tasks[0].outcome}, check exit ${check.exitCode}")

        then:
        report.allStopped()
    }

    def "finish lands through the base's merge driver, hooks and filters without running them, and merges as git would"() {
        given: 'a base that names drivers, and a git directory an earlier unconfined engine armed'
        repo.write('.gitattributes', '*.txt merge=usermerge diff=userdiff filter=userfilter\n')
        repo.commit('attributes')
        repo.write('wtcraft.groovy', """\
            engines {
                shell 'edit', 'sed -i "s/^1\$/one/" src/app.txt'
                shell 'add', 'echo b > src/b.txt'
            }
            task('feat/merge') { engine 'edit'; scope 'src/' }
            task('feat/rebase') { engine 'add'; scope 'src/b.txt' }
            """.stripIndent())
        repo.commit('recipe')
        assert wtcraft('run', '--json').exitCode == 0
        repo.write('src/app.txt', '1\n2\n3\n4\n5\n6\nseven\n')
        repo.commit('the base moves on')
        userDrivers()
        for (h in ['pre-merge-commit', 'post-merge', 'post-checkout', 'post-rewrite', 'pre-rebase', 'reference-transaction', 'post-commit']) {
            Path hook = repo.root.resolve(".git/hooks/${h}")
            Files.writeString(hook, "#!/bin/sh\n${payload} landing-hook-${h}\n")
            hook.toFile().setExecutable(true)
        }

        when:
        def merged = wtcraft('finish', 'feat/merge', '--strategy', 'merge', '--json')
        def rebased = wtcraft('finish', 'feat/rebase', '--strategy', 'rebase', '--json')
        String landed = repo.git('show', 'main:src/app.txt')
        def report = new AttackReport('landing through an armed base and git directory')
        report.blocked('merge driver named by the base', !ran().contains('user-merge-driver'), 'the three-way text merge ran instead', "ran ${ran()}")
        report.blocked('hooks on merge, rebase, checkout, ref updates', ran().every { !it.startsWith('landing-hook-') }, 'no hook ran', "ran ${ran()}")
        report.blocked('filter and textconv drivers named by the base', ran().every { !it.startsWith('user-') }, 'none ran', "ran ${ran()}")

        then:
        report.allStopped()
        merged.exitCode == 0
        rebased.exitCode == 0
        repo.git('show', 'main:src/b.txt') == 'b\n'
        landed.startsWith('one\n2\n') && landed.endsWith('6\nseven\n')
        ran() == []
    }

    private Object ledgerJson(String name) {
        new JsonSlurper().parse(ledgerFile(name).toFile())
    }

    private Path ledgerFile(String name) {
        Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith("tasks/feat/plant/${name}") }.findFirst().get() }
    }

    private boolean engineSaid(String line) {
        Path file = Files.walk(repo.root.resolve('.wtcraft/runs')).withCloseable { w ->
            w.filter { it.toString().endsWith('tasks/feat/plant/events.jsonl') }.findFirst().get() }
        Files.readAllLines(file).collect { new JsonSlurper().parseText(it) as Map }
                .findAll { it.type == 'stdout' }*.data*.line.contains(line)
    }
}
