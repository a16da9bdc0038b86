package dev.wtcraft.run

import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/** What a task changed, visible without cd and git: diff.json and diff.patch in the ledger, `wtcraft diff`, `show`. */
class DiffSpec extends WtcraftSpecification {

    /** feat/a adds a file, edits README.md and writes a binary file; feat/c strays into an off-limits file. */
    String twoTasks() {
        repo.write('wtcraft.groovy', '''\
            engines {
                shell 'writer', 'mkdir -p src && printf "one\\\\ntwo\\\\n" > src/a.txt && echo more >> README.md && printf "\\\\000\\\\001" > src/blob.bin'
                shell 'stray', 'mkdir -p src && echo x > src/c.txt && sed -i 1d README.md && echo "{}" > package.json'
            }
            task('feat/a') { engine 'writer'; scope 'src/', 'README.md' }
            task('feat/c') { engine 'stray'; scope 'src/', 'README.md'; offLimits 'package.json' }
            '''.stripIndent())
        repo.write('package.json', '{"name":"x"}\n')
        repo.commit('recipe')
        def run = wtcraft('run', '--json')
        assert run.exitCode == 2: run.toString()
        run.json.run_id
    }

    Object ledgerJson(String runId, String task, String name) {
        new JsonSlurper().parse(repo.root.resolve(".wtcraft/runs/${runId}/tasks/${task}/${name}").toFile())
    }

    String ledgerText(String runId, String task, String name) {
        Files.readString(repo.root.resolve(".wtcraft/runs/${runId}/tasks/${task}/${name}"))
    }

    def "each attempt's change against the base is in the ledger: files with status, counts, binary, violations, and the patch"() {
        when:
        String runId = twoTasks()
        def a = ledgerJson(runId, 'feat/a', 'diff.json')
        def c = ledgerJson(runId, 'feat/c', 'diff.json')
        String patch = ledgerText(runId, 'feat/a', 'diff.patch')

        then:
        a.schema_version == 1
        a.base == 'main'
        a.from_commit == repo.git('rev-parse', 'main').trim()
        a.to_commit == repo.git('rev-parse', 'feat/a').trim()
        a.files.collect { [it.path, it.status, it.additions, it.deletions, it.binary, it.violations] } == [
                ['README.md', 'modified', 1, 0, false, []],
                ['src/a.txt', 'added', 2, 0, false, []],
                ['src/blob.bin', 'added', 0, 0, true, []]]
        a.files_changed == 3
        a.additions == 3
        a.deletions == 0
        !a.patch_truncated
        a.patch_bytes == patch.bytes.length
        patch.contains('+++ b/src/a.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n')
        patch.contains('Binary files /dev/null and b/src/blob.bin differ')
        c.files.collect { [it.path, it.status, it.violations] } == [
                ['README.md', 'modified', []], ['package.json', 'modified', ['scope', 'off_limits']],
                ['src/c.txt', 'added', []]]
        c.deletions == 2
        ledgerText(runId, 'feat/a', 'summary.md').contains(
                "\nThe change itself, against the base: `diff.patch` (lines per file: `diff.json`), or `wtcraft diff feat/a`.\n")
    }

    def "wtcraft diff shows a task's worktree against its base, uncommitted work included, as a patch, a stat or JSON"() {
        given:
        twoTasks()
        Path wt = repo.worktree('feat/a')
        Files.writeString(wt.resolve('src/later.txt'), 'by hand\n')
        String before = repo.git('-C', wt.toString(), 'status', '--porcelain')

        when:
        def text = wtcraft('diff', 'feat/a')
        def stat = wtcraft('diff', 'feat/a', '--stat')
        def json = wtcraft('diff', 'feat/a', '--json')

        then:
        text.exitCode == 0
        text.out.contains('+++ b/src/later.txt\n@@ -0,0 +1 @@\n+by hand\n')
        text.out.contains('+one\n+two\n')
        text.err == ''
        stat.exitCode == 0
        stat.out.readLines() == [
                ' README.md     | +1 -0        modified',
                ' src/a.txt     | +2 -0        added',
                ' src/blob.bin  | binary       added',
                ' src/later.txt | +1 -0        added',
                ' 4 files changed, +4 -0']
        json.exitCode == 0
        json.json.command == 'diff'
        json.json.ok
        json.json.source == 'worktree'
        json.json.task == 'feat/a'
        json.json.files*.path == ['README.md', 'src/a.txt', 'src/blob.bin', 'src/later.txt']
        json.json.patch.contains('+by hand')
        repo.git('-C', wt.toString(), 'status', '--porcelain') == before     // looking changed nothing
    }

    def "wtcraft diff of a run reads the ledger: every task, or one, violations marked"() {
        given:
        String runId = twoTasks()

        when:
        def all = wtcraft('diff', 'last')
        def one = wtcraft('diff', runId.substring(0, 12), 'feat/c', '--stat')
        def json = wtcraft('diff', 'last', '--json')
        def oneJson = wtcraft('diff', 'last', 'feat/c', '--json', '--stat')

        then:
        all.exitCode == 0
        all.out.startsWith('# feat/a (passed): 3 files changed, +3 -0\n')
        all.out.contains('\n# feat/c (scope_violation): 3 files changed, +2 -2, 1 with violations\n')
        all.out.contains('+++ b/package.json')
        one.exitCode == 0
        one.out.readLines() == [
                ' README.md    | +0 -1        modified',
                ' package.json | +1 -1        modified  VIOLATION: scope, off_limits',
                ' src/c.txt    | +1 -0        added',
                ' 3 files changed, +2 -2, 1 with violations']
        json.exitCode == 0
        json.json.source == 'ledger'
        json.json.run_id == runId
        json.json.tasks*.task == ['feat/a', 'feat/c']
        json.json.tasks*.outcome == ['passed', 'scope_violation']
        json.json.tasks[1].patch.contains('+{}')
        oneJson.json.task == 'feat/c'
        oneJson.json.files.find { it.path == 'package.json' }.violations == ['scope', 'off_limits']
        !oneJson.json.containsKey('patch')
    }

    def "an unknown task or run is one line and exit 1; under --json the protocol's error object"() {
        given:
        String runId = twoTasks()

        when:
        def unknown = wtcraft('diff', 'feat/nope')
        def unknownJson = wtcraft('diff', 'feat/nope', '--json')
        def noTask = wtcraft('diff', 'last', 'feat/nope')
        def escape = wtcraft('diff', 'last', '../../..')
        def noRun = wtcraft('diff', 'nope', 'feat/a')

        then:
        unknown.exitCode == 1
        unknown.err == "wtcraft diff: no task or run 'feat/nope': name a task's worktree (see 'wtcraft status') or a run (see 'wtcraft runs')\n"
        unknown.out == ''
        unknownJson.exitCode == 1
        unknownJson.json.ok == false
        unknownJson.json.error.code == 1
        unknownJson.json.error.message.startsWith("no task or run 'feat/nope'")
        noTask.exitCode == 1
        noTask.err == "wtcraft diff: run ${runId} has no task 'feat/nope'\n"
        escape.exitCode == 1
        escape.err == "wtcraft diff: run ${runId} has no task '../../..'\n"
        noRun.exitCode == 1
        noRun.err == "wtcraft diff: no run 'nope' (see 'wtcraft runs')\n"
    }

    def "a patch over 1 MiB is cut at a line in the ledger, and says so; the record keeps the whole size"() {
        given:
        repo.write('wtcraft.groovy', '''\
            engines { shell 'big', 'mkdir -p src && seq 1 300000 > src/big.txt' }
            task('feat/big') { engine 'big'; scope 'src/' }
            '''.stripIndent())
        repo.commit('recipe')
        String runId = wtcraft('run', '--json').json.run_id

        when:
        def d = ledgerJson(runId, 'feat/big', 'diff.json')
        String patch = ledgerText(runId, 'feat/big', 'diff.patch')
        def stat = wtcraft('diff', 'last', 'feat/big', '--stat')

        then:
        d.patch_truncated
        d.patch_limit == 1048576
        d.patch_bytes > 1048576
        d.additions == 300000
        patch.bytes.length <= 1048576 + 200
        patch.endsWith("\n# wtcraft: the patch is cut here, at 1024 KiB of ${(d.patch_bytes as long).intdiv(1024)} KiB; 'wtcraft diff' in the task's worktree shows all of it\n")
        patch.readLines().findAll { it && !it.startsWith('#') }.last() ==~ /\+\d+/      // cut at a whole line
        stat.out.readLines().last() == ' 1 file changed, +300000 -0 (patch cut at 1024 KiB)'
    }

    def "show of a task has its diff stat, and the patch with --diff"() {
        given:
        twoTasks()

        when:
        def show = wtcraft('show', 'last', 'feat/c')
        def withPatch = wtcraft('show', 'last', 'feat/c', '--diff')
        def json = wtcraft('show', 'last', 'feat/c', '--json', '--diff')

        then:
        show.exitCode == 0
        show.out.contains('diff against main:\n README.md    | +0 -1        modified\n package.json | +1 -1        modified  VIOLATION: scope, off_limits\n')
        !show.out.contains('+++ b/package.json')
        withPatch.out.contains('+++ b/package.json')
        json.json.diff.files*.path == ['README.md', 'package.json', 'src/c.txt']
        json.json.patch.contains('+++ b/package.json')
        json.json.files.contains('diff.json')
        json.json.files.contains('diff.patch')
    }
}
