package dev.wtcraft.engine

import dev.wtcraft.support.WtcraftSpecification
import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermission
import java.security.MessageDigest
import java.util.zip.ZipEntry
import java.util.zip.ZipFile
import java.util.zip.ZipOutputStream

/**
 * A shell-engine run exported with `wtcraft export` and replayed with `replay 'name', 'FILE'`: the replayed task
 * gets the same change (binary files, deletions, renames, the executable bit), so its check and verification give
 * the same verdicts; and a bundle is untrusted input, refused when it is altered, starts elsewhere, or attacks.
 */
class ReplayBundleSpec extends WtcraftSpecification {
    static final JsonSlurper JSON = new JsonSlurper()
    static final byte[] BINARY = [0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0, 13, 10, 42] as byte[]

    static final String TASK_BODY = '''\
            scope 'src/', 'bin/'
            verify {
                run 'test -x bin/tool.sh'
                run 'test ! -e src/old.txt'
                run 'test -f src/moved.txt && test ! -e src/move.txt'
                run 'grep -q changed src/mod.txt'
            }
    '''

    def setup() {
        repo.write('src/old.txt', 'to be deleted\n')
        repo.write('src/move.txt', (1..40).collect { "line ${it} of a file that moves" }.join('\n') + '\n')
        repo.write('src/mod.txt', 'original\n')
        repo.write('bin/tool.sh', '#!/bin/sh\necho tool\n')
        Files.createDirectories(repo.root.resolve('bundles'))
        commitRecipe('''\
            engines {
                shell 'maker', 'printf "\\\\000\\\\001\\\\002\\\\377\\\\376\\\\n\\\\000\\\\r\\\\n*" > src/blob.bin && rm src/old.txt && mv src/move.txt src/moved.txt && echo changed >> src/mod.txt && chmod +x bin/tool.sh && echo made it'
            }
            task('feat/x') {
                engine 'maker'
        ''' + TASK_BODY + '''\
            }
            ''')
    }

    void commitRecipe(String text) {
        repo.write('wtcraft.groovy', text.stripIndent())
        repo.git('add', 'wtcraft.groovy', 'src', 'bin')
        repo.git('commit', '-q', '-m', 'recipe')
    }

    Path taskDir(String runId, String task) {
        repo.root.resolve(".wtcraft/runs/${runId}/tasks/${task}")
    }

    Map doc(String runId, String task, String name) {
        JSON.parse(taskDir(runId, task).resolve(name).toFile()) as Map
    }

    /** The original run, exported. */
    Map recordAndExport() {
        def run = wtcraft('run', '--json')
        assert run.exitCode == 0: run.toString()
        def export = wtcraft('export', run.json.run_id as String, 'feat/x', '--output', 'bundles/feat-x.wtcraft-bundle', '--json')
        assert export.exitCode == 0: export.toString()
        [run: run.json, export: export.json]
    }

    void replayRecipe(String bundle = 'bundles/feat-x.wtcraft-bundle') {
        commitRecipe("""\
            engines {
                replay 'recorded', '${bundle}'
            }
            task('feat/replayed') {
                engine 'recorded'
        """ + TASK_BODY + '''\
            }
            ''')
    }

    def "a shell run exported and replayed gives the same change, check and verification"() {
        given:
        def original = recordAndExport()
        def bundle = repo.root.resolve('bundles/feat-x.wtcraft-bundle')
        replayRecipe()

        when:
        def replay = wtcraft('run', '--json')
        def o = original.run.tasks[0]
        def r = replay.json.tasks[0]
        def wt = repo.worktree('feat/replayed')

        then: 'the bundle is one zip of the three entries, and says what it holds'
        new ZipFile(bundle.toFile()).entries().toList()*.name == ['manifest.json', 'stream.jsonl', 'change.patch']
        original.export.cli == 'shell'
        original.export.files.toSet() == ['src/blob.bin', 'src/old.txt', 'src/moved.txt', 'src/mod.txt', 'bin/tool.sh'] as Set
        original.export.base_commit == doc(original.run.run_id as String, 'feat/x', 'diff.json').from_commit

        and: 'the replay ends as the original did'
        replay.exitCode == 0
        r.outcome == o.outcome
        r.changed_files.toSet() == o.changed_files.toSet()

        and: 'its check and verification give the same verdicts'
        def (oc, rc) = [doc(original.run.run_id as String, 'feat/x', 'check.json'), doc(replay.json.run_id as String, 'feat/replayed', 'check.json')]
        rc.violations == oc.violations
        def (ov, rv) = [doc(original.run.run_id as String, 'feat/x', 'verify.json'), doc(replay.json.run_id as String, 'feat/replayed', 'verify.json')]
        rv.result == ov.result
        rv.summary == ov.summary
        rv.results*.status == ov.results*.status
        rc.result == oc.result

        and: 'the task branch holds exactly the recorded change: bytes, deletion, rename, mode'
        repo.git('diff', '--stat', 'feat/x', 'feat/replayed', '--', 'src', 'bin') == ''
        Files.readAllBytes(wt.resolve('src/blob.bin')) == BINARY
        !Files.exists(wt.resolve('src/old.txt'))
        !Files.exists(wt.resolve('src/move.txt'))
        Files.readString(wt.resolve('src/moved.txt')).startsWith('line 1 of a file that moves')
        Files.getPosixFilePermissions(wt.resolve('bin/tool.sh')).contains(PosixFilePermission.OWNER_EXECUTE)
        repo.git('ls-tree', 'feat/replayed', 'bin/tool.sh').startsWith('100755')

        and: 'the stream is played back into the ledger'
        def events = Files.readAllLines(taskDir(replay.json.run_id as String, 'feat/replayed').resolve('events.jsonl')).collect { JSON.parseText(it) }
        events.find { it.type == 'engine.started' }.data.bundle.endsWith('feat-x.wtcraft-bundle')
        events.findAll { it.type == 'stdout' }*.data*.line == ['made it']
        events.find { it.type == 'replay.applied' }.data.files == 5
    }

    def "a bundle whose base does not hold what its change starts from is refused at the recipe line, before anything is made"() {
        given:
        recordAndExport()
        repo.write('src/mod.txt', 'someone else changed this\n')
        replayRecipe()

        when:
        def replay = wtcraft('run')

        then:
        replay.exitCode == 1
        replay.err.contains('wtcraft.groovy:2')
        replay.err.contains('src/mod.txt differs there')
        replay.err.contains('start the task from the commit it was recorded on')
        !replay.err.contains('Exception')
        !Files.exists(repo.worktree('feat/replayed'))
    }

    def "a bundle altered after export is refused, naming the recipe line and what to do"() {
        given:
        recordAndExport()
        def bundle = repo.root.resolve('bundles/feat-x.wtcraft-bundle')
        def entries = read(bundle)
        entries['change.patch'] = new String(entries['change.patch'], 'ISO-8859-1').replace('+changed', '+CHANGED').getBytes('ISO-8859-1')
        write(bundle, entries)
        replayRecipe()

        when:
        def replay = wtcraft('run')

        then:
        replay.exitCode == 1
        replay.err.contains('wtcraft.groovy:2')
        replay.err.contains('change.patch does not match the digest its manifest records')
        replay.err.contains('export it again')
        !Files.exists(repo.worktree('feat/replayed'))
    }

    def "a task after another, whose base is only known when it runs, ends engine_failed when the bundle does not start there"() {
        given:
        recordAndExport()
        commitRecipe('''\
            engines {
                shell 'other', 'echo other > src/mod.txt'
                replay 'recorded', 'bundles/feat-x.wtcraft-bundle'
            }
            task('feat/first') { engine 'other'; scope 'src/' }
            task('feat/replayed') {
                engine 'recorded'
                dependsOn 'feat/first'
                scope 'src/', 'bin/'
            }
            ''')

        when:
        def replay = wtcraft('run', '--json')
        def task = replay.json.tasks.find { it.task == 'feat/replayed' }

        then:
        replay.exitCode == 4
        task.outcome == 'engine_failed'
        task.reason.contains('its base does not match the task\'s (src/mod.txt differs there')
        task.reason.contains('wtcraft.groovy:3')
        repo.git('diff', '--stat', 'feat/first', 'feat/replayed') == ''
    }

    def "a later attempt of a replayed task finds the change already there and applies nothing"() {
        given:
        recordAndExport()
        commitRecipe('''\
            engines { replay 'recorded', 'bundles/feat-x.wtcraft-bundle' }
            task('feat/replayed') {
                engine 'recorded'
                attempts 2
                scope 'src/', 'bin/'
                verify { run 'false' }
            }
            ''')

        when:
        def replay = wtcraft('run', '--json')
        def dir = taskDir(replay.json.run_id as String, 'feat/replayed')
        def second = Files.readAllLines(dir.resolve('attempt-2/events.jsonl')).collect { JSON.parseText(it) }

        then:
        replay.exitCode == 3
        replay.json.tasks[0].outcome == 'verify_failed'
        replay.json.tasks[0].attempts == 2
        second.find { it.type == 'replay.applied' }.data.already == true
        second.find { it.type == 'engine.exited' }.data.outcome == 'succeeded'
        Files.readAllBytes(repo.worktree('feat/replayed').resolve('src/blob.bin')) == BINARY
    }

    def "a task of a recorded run replays straight from the ledger and its commits, with no file in between"() {
        given:
        def original = recordAndExport()
        String id = original.run.run_id
        commitRecipe("""\
            engines { replay 'recorded', run: '${id}', task: 'feat/x' }
            task('feat/replayed') {
                engine 'recorded'
        """ + TASK_BODY + '''\
            }
            ''')

        when:
        def plan = wtcraft('plan')
        def replay = wtcraft('run', '--json')

        then:
        plan.exitCode == 0
        replay.exitCode == 0
        doc(replay.json.run_id as String, 'feat/replayed', 'meta.json').command == "replay of task feat/x of run ${id} (shell)"
        replay.json.tasks[0].outcome == original.run.tasks[0].outcome
        replay.json.tasks[0].changed_files.toSet() == original.run.tasks[0].changed_files.toSet()
        repo.git('diff', '--stat', 'feat/x', 'feat/replayed', '--', 'src', 'bin') == ''
        doc(replay.json.run_id as String, 'feat/replayed', 'verify.json').result == doc(id, 'feat/x', 'verify.json').result
    }

    def "a replay of a run that is not recorded, or of a task it does not have, is refused at its line"() {
        given:
        def run = wtcraft('run', '--json')
        commitRecipe("""\
            engines { replay 'recorded', run: '${runId ?: run.json.run_id}', task: '${task}' }
            task('feat/replayed') { engine 'recorded'; scope 'src/' }
            """)

        when:
        def replay = wtcraft('run')

        then:
        replay.exitCode == 1
        replay.err.contains('wtcraft.groovy:1')
        replay.err.contains(message)
        !replay.err.contains('Exception')

        where:
        runId                | task        | message
        '20990101T000000Z-x' | 'feat/x'    | "which is not a recorded run of this repository"
        '../../../etc'       | 'feat/x'    | "which is not a recorded run of this repository"
        null                 | 'feat/none' | 'has no task feat/none'
        null                 | '../../x'   | 'has no task ../../x'
    }

    def "a bundle replayed as a reviewer plays its stream and leaves the work under review alone"() {
        given:
        recordAndExport()
        commitRecipe('''\
            engines {
                shell 'writer', 'echo work > src/work.txt'
                replay 'recorded', 'bundles/feat-x.wtcraft-bundle'
            }
            task('feat/reviewed') {
                engine 'writer'
                scope 'src/'
                review { engine 'recorded' }
            }
            ''')

        when:
        def run = wtcraft('run', '--json')
        def wt = repo.worktree('feat/reviewed')
        def review = Files.readAllLines(taskDir(run.json.run_id as String, 'feat/reviewed').resolve('review/events.jsonl')).collect { JSON.parseText(it) }

        then:
        run.json.tasks[0].outcome == 'changes_requested'
        review.find { it.type == 'replay.applied' }.data.skipped == 'the worktree is read-only'
        review.findAll { it.type == 'stdout' }*.data*.line == ['made it']
        Files.readString(wt.resolve('src/mod.txt')) == 'original\n'
        !Files.exists(wt.resolve('src/blob.bin'))
        Files.exists(wt.resolve('src/old.txt'))
        repo.git('status', '--porcelain', '--', 'src', 'bin') == ''
    }

    def "the last attempt is exported with the whole change since the base, and replays in one attempt"() {
        given:
        commitRecipe('''\
            engines {
                shell 'twice', 'if [ "$WTCRAFT_ATTEMPT" = 1 ]; then echo first > src/mod.txt; echo one; else echo changed >> src/mod.txt; printf x > src/second.bin; echo two; fi'
            }
            task('feat/x') {
                engine 'twice'
                attempts 2
                scope 'src/'
                verify { run 'grep -q changed src/mod.txt' }
            }
            ''')
        def original = wtcraft('run', '--json')
        def export = wtcraft('export', original.json.run_id as String, 'feat/x', '--output', 'bundles/x.wtcraft-bundle', '--json')
        commitRecipe('''\
            engines { replay 'recorded', 'bundles/x.wtcraft-bundle' }
            task('feat/replayed') {
                engine 'recorded'
                scope 'src/'
                verify { run 'grep -q changed src/mod.txt' }
            }
            ''')

        when:
        def replay = wtcraft('run', '--json')

        then:
        original.json.tasks[0].outcome == 'passed'
        original.json.tasks[0].attempts == 2
        export.json.attempt == 2
        export.json.files.toSet() == ['src/mod.txt', 'src/second.bin'] as Set
        replay.exitCode == 0
        replay.json.tasks[0].attempts == 1
        repo.git('diff', '--stat', 'feat/x', 'feat/replayed', '--', 'src') == ''
        Files.readAllLines(taskDir(replay.json.run_id as String, 'feat/replayed').resolve('events.jsonl'))
                .collect { JSON.parseText(it) }.findAll { it.type == 'stdout' }*.data*.line == ['two']
    }

    def "a manifest that is not JSON, or names no CLI it knows, is refused in one line"() {
        given:
        def entries = attackBundle('')
        entries['manifest.json'] = manifest == 'FORMAT' ? new String(entries['manifest.json']).replace('"wtcraft-bundle"', '"other"').bytes : manifest.bytes
        write(repo.root.resolve('bundles/bad.wtcraft-bundle'), entries)
        replayRecipe('bundles/bad.wtcraft-bundle')

        when:
        def replay = wtcraft('run')

        then:
        replay.exitCode == 1
        replay.err.contains('wtcraft.groovy:2')
        replay.err.contains(message)
        !replay.err.contains('Exception')

        where:
        manifest                                                      | message
        'not json'                                                    | 'its manifest.json does not read: it is not JSON'
        '{"schema_version": 99, "format": "wtcraft-bundle"}'          | 'written by a newer wtcraft'
        '{"schema_version": 1, "attempt": "x"}'                       | 'its manifest.json does not read: field attempt'
        'FORMAT'                                                      | "names format 'other'"
    }

    def "a patch that does not apply ends the task engine_failed, naming the recipe line and what to do"() {
        given: 'a bundle whose manifest matches the base, but whose patch was made against other contents'
        String blob = repo.git('rev-parse', 'HEAD:README.md').trim()
        def patch = 'diff --git a/README.md b/README.md\nindex ' + blob + '..' + blob + ' 100644\n--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-not what the base holds\n+replaced\n'
        write(repo.root.resolve('bundles/stale.wtcraft-bundle'), attackBundle(patch, [[status: 'modified', path: 'README.md',
                old_path: null, old_blob: blob, old_mode: '100644', new_blob: blob, new_mode: '100644']]))
        commitRecipe('''\
            engines { replay 'recorded', 'bundles/stale.wtcraft-bundle' }
            task('feat/replayed') { engine 'recorded'; scope 'README.md' }
            ''')

        when:
        def replay = wtcraft('run', '--json')
        def task = replay.json.tasks[0]

        then:
        replay.exitCode == 4
        task.outcome == 'engine_failed'
        task.reason.contains('its change does not apply to the worktree')
        task.reason.contains('wtcraft.groovy:1')
        task.reason.contains('start the task from the commit it was recorded on')
        Files.readString(repo.worktree('feat/replayed').resolve('README.md')) == 'seed\n'
    }

    def "a resumed run compares what a bundle replays: exported again it is unchanged, another stream runs again"() {
        given:
        def bundle = repo.root.resolve('bundles/b.wtcraft-bundle')
        def first = attackBundle('', [], 'one\n')
        write(bundle, first)
        commitRecipe('''\
            engines { replay 'recorded', 'bundles/b.wtcraft-bundle' }
            task('feat/replayed') { engine 'recorded'; scope 'src/' }
            ''')
        assert wtcraft('run').exitCode == 0

        when:
        first['manifest.json'] = new String(first['manifest.json']).replace('2026-01-01T00:00:00Z', '2026-02-02T00:00:00Z').bytes
        write(bundle, first)
        def same = wtcraft('run', '--resume', '--explain')
        def manifest = new JsonSlurper().parseText(new String(first['manifest.json']))
        first['stream.jsonl'] = 'two\n'.bytes
        manifest.stream_sha256 = sha(first['stream.jsonl'])
        first['manifest.json'] = groovy.json.JsonOutput.toJson(manifest).bytes
        write(bundle, first)
        def other = wtcraft('run', '--resume', '--explain')

        then:
        same.out.readLines() == ['feat/replayed: passed before and unchanged: not run again']
        other.out.readLines() == ['feat/replayed: will run again (changed: engine)']
    }

    def "a bundle recorded from the real Claude Code CLI, shipped as a file, replays in another repository with no CLI"() {
        given: 'src/test/resources/engines/claude-hello.wtcraft-bundle: ReplayClaudeIT\'s run, exported'
        Files.copy(Path.of('src/test/resources/engines/claude-hello.wtcraft-bundle'), repo.root.resolve('bundles/claude.wtcraft-bundle'))
        commitRecipe('''\
            engines { replay 'recorded', 'bundles/claude.wtcraft-bundle' }
            task('feat/hello') {
                engine 'recorded'
                scope 'hello.txt', 'hello_write.txt'
                verify { run 'grep -q hello hello.txt && grep -q hello hello_write.txt' }
            }
            ''')

        when:
        def run = wtcraft('run', '--json', '--jobs', '1')
        def dir = taskDir(run.json.run_id as String, 'feat/hello')
        def usage = doc(run.json.run_id as String, 'feat/hello', 'usage.json')

        then:
        run.exitCode == 0
        run.json.tasks[0].outcome == 'passed'
        run.json.tasks[0].changed_files.toSet() == ['hello.txt', 'hello_write.txt'] as Set
        Files.readString(repo.worktree('feat/hello').resolve('hello.txt')) == 'hello\n'
        usage.session_id == 'c867efd7-a2cc-4a19-affa-e7ddaaa6eec9'
        usage.input_tokens > 0
        Files.readString(dir.resolve('last-message.md')).trim() == 'done'
        Files.readAllLines(dir.resolve('events.jsonl')).collect { JSON.parseText(it) }*.type.containsAll(['agent.session.started', 'agent.command', 'agent.finished'])
    }

    def "export refuses what it cannot export, in one line"() {
        given:
        def run = wtcraft('run', '--json')

        expect:
        wtcraft('export', run.json.run_id as String, 'feat/none').with {
            exitCode == 1 && err.contains('has no task feat/none') && !err.contains('Exception')
        }
        wtcraft('export', 'nosuchrun', 'feat/x', '--json').with {
            exitCode == 1 && json.ok == false && json.error.message.contains("no run 'nosuchrun'")
        }
    }

    // --- the bundle as an adversary: each attack is refused and writes nothing

    def "an entry that climbs out of the directory, or any entry beyond the three, is refused and never unpacked"() {
        given:
        def outside = tmp.resolve('evil.txt')
        def entries = attackBundle('')
        entries['../../evil.txt'] = 'pwned'.bytes
        write(repo.root.resolve('bundles/evil.wtcraft-bundle'), entries)
        replayRecipe('bundles/evil.wtcraft-bundle')

        when:
        def replay = wtcraft('run')

        then:
        replay.exitCode == 1
        replay.err.contains("holds an entry '../../evil.txt'")
        replay.err.contains('wtcraft.groovy:2')
        !Files.exists(outside)
        !Files.exists(repo.root.resolve('evil.txt'))
    }

    def "a patch that #attack is refused before git sees it to apply"() {
        given:
        write(repo.root.resolve('bundles/evil.wtcraft-bundle'), attackBundle(patch))
        replayRecipe('bundles/evil.wtcraft-bundle')

        when:
        def replay = wtcraft('run')

        then:
        replay.exitCode == 1
        replay.err.contains('wtcraft.groovy:2')
        replay.err.contains(refusal)
        !replay.err.contains('Exception')
        !Files.exists(repo.worktree('feat/replayed'))
        !Files.exists(Path.of('/tmp/wtcraft-replay-attack.txt'))
        !Files.exists(repo.root.resolve('.git/hooks/post-checkout'))
        !Files.exists(tmp.resolve('outside.txt'))

        where:
        attack                                   | refusal                                     | patch
        'writes to an absolute path'             | "absolute path '/tmp/wtcraft-replay-attack.txt'" | newFile('a/', '/tmp/wtcraft-replay-attack.txt')
        'climbs out of the worktree'             | 'which leaves the worktree'                 | newFile('a/', '../../outside.txt')
        'writes a hook into .git/'               | "inside a .git directory"                   | newFile('a/', '.git/hooks/post-checkout')
        'writes into a nested .GIT directory'    | "inside a .git directory"                   | newFile('a/', 'src/.GIT/config')
        'makes a symbolic link out of the tree'  | 'makes a symbolic link or a submodule'      | symlink('src/link', '/etc')
        'spells a link mode with a leading 0'    | 'makes a symbolic link or a submodule'      | symlink('src/link', '/etc').replace('mode 120000', 'mode 0120000')
        'hides a link mode behind CRLF'          | 'makes a symbolic link or a submodule'      | symlink('src/link', '/etc').replace('\n', '\r\n')
        'turns a file into a link'               | 'makes a symbolic link or a submodule'      | 'diff --git a/README.md b/README.md\nold mode 100644\nnew mode 120000\n'
        'adds a submodule'                       | 'makes a symbolic link or a submodule'      | 'diff --git a/sub b/sub\nnew file mode 160000\nindex 0000000..1111111\n--- /dev/null\n+++ b/sub\n@@ -0,0 +1 @@\n+Subproject commit 1111111111111111111111111111111111111111\n'
        'has no git header, as plain patch does' | 'which leaves the worktree'                 | '--- a/../../outside.txt\n+++ b/../../outside.txt\n@@ -0,0 +1 @@\n+pwned\n'
        'renames a file into .git/'              | 'inside a .git directory'                   | 'diff --git a/README.md b/.git/x\nsimilarity index 100%\nrename from README.md\nrename to .git/x\n'
    }

    def "a bundle whose patch touches other files than its manifest lists is refused"() {
        given:
        write(repo.root.resolve('bundles/evil.wtcraft-bundle'), attackBundle(newFile('a/', 'src/sneaky.txt'), []))
        replayRecipe('bundles/evil.wtcraft-bundle')

        when:
        def replay = wtcraft('run')

        then:
        replay.exitCode == 1
        replay.err.contains('does not touch exactly the files its manifest lists')
        !Files.exists(repo.worktree('feat/replayed'))
    }

    static String newFile(String prefix, String path) {
        "diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0000000..e69de29\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+pwned\n"
    }

    static String symlink(String path, String target) {
        "diff --git a/${path} b/${path}\nnew file mode 120000\nindex 0000000..e69de29\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+${target}\n\\ No newline at end of file\n"
    }

    /** A bundle of the given patch whose digests are right, so only the attack itself can refuse it. */
    Map<String, byte[]> attackBundle(String patch, List<Map> files = null, String streamText = 'attack\n') {
        byte[] patchBytes = patch.getBytes('UTF-8')
        byte[] stream = streamText.bytes
        def manifest = [schema_version: 1, format: 'wtcraft-bundle', wtcraft_version: 'test', run_id: 'r', task: 'feat/x',
                        attempt: 1, engine: 'maker', cli: 'shell', exit_code: 0, engine_outcome: 'succeeded',
                        outcome: 'passed', base_commit: repo.git('rev-parse', 'HEAD').trim(), head_commit: null,
                        stream_sha256: sha(stream), stream_lines: 1, patch_sha256: sha(patchBytes),
                        patch_bytes: patchBytes.length,
                        files: files != null ? files : [[status: 'added', path: 'x', old_path: null, old_blob: null, old_mode: null,
                                           new_blob: null, new_mode: '100644']],
                        exported_at: '2026-01-01T00:00:00Z']
        ['manifest.json': groovy.json.JsonOutput.toJson(manifest).bytes, 'stream.jsonl': stream, 'change.patch': patchBytes]
    }

    static String sha(byte[] data) {
        MessageDigest.getInstance('SHA-256').digest(data).encodeHex().toString()
    }

    static Map<String, byte[]> read(Path bundle) {
        def zip = new ZipFile(bundle.toFile())
        try {
            zip.entries().toList().collectEntries { [(it.name): zip.getInputStream(it).bytes] }
        } finally {
            zip.close()
        }
    }

    static void write(Path bundle, Map<String, byte[]> entries) {
        new ZipOutputStream(Files.newOutputStream(bundle)).withCloseable { zip ->
            entries.each { name, data ->
                zip.putNextEntry(new ZipEntry(name))
                zip.write(data)
                zip.closeEntry()
            }
        }
    }
}
