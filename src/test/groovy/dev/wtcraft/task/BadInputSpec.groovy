package dev.wtcraft.task

import dev.wtcraft.support.WtcraftRun
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files

/** Bad input: one line on stderr (or the protocol's error object) and exit 1, never a stack trace. */
class BadInputSpec extends WtcraftSpecification {

    def "#why: one line on stderr, and the error object under --json"() {
        given:
        def wt = newTask('feat/x')
        damage(wt, tmp)

        when:
        def human = wtcraft(args as String[])
        def machine = wtcraft((args + ['--json']) as String[])

        then:
        human.exitCode == 1
        human.out == ''
        human.err.readLines().size() == 1
        human.err.contains(message)
        !human.err.contains('Exception')
        machine.exitCode == 1
        machine.json.ok == false
        machine.json.command == args[0]
        machine.json.error.code == 1
        machine.json.error.message.contains(message)
        machine.err == ''

        where:
        why                      | args                          | damage                                                                  || message
        'missing contract'       | ['check', 'feat/x']           | { w, t -> Files.delete(w.resolve('.worktree-task.md')) }                || 'missing task file: '
        'unsupported state_file' | ['check', 'feat/x']           | { w, t -> Files.writeString(w.resolve('.worktree-task.md'), '---\nstate_file: x.json\n') } || "unsupported state_file 'x.json' in "
        'unknown stage'          | ['state', 'feat/x', '--stage', 'flying'] | { w, t -> }                                                  || "unknown stage 'flying': use one of planned, executing"
        'no such worktree'       | ['check', 'feat/nope']        | { w, t -> }                                                             || 'worktree not found: feat/nope'
        'a path outside the repo'| ['verify', '/tmp']            | { w, t -> }                                                             || 'not a worktree of '
        'an unknown option'      | ['check', '--bogus', 'feat/x']| { w, t -> }                                                             || "Unknown option: '--bogus'"
    }

    def "a worktree is found by path, by name under worktrees/, by branch, or by a unique directory name"() {
        given:
        def wt = newTask('feat/login')
        def other = tmp.resolve('elsewhere/login-copy')
        repo.git('worktree', 'add', '-q', '-b', 'chore/elsewhere', other.toString(), 'main')
        def twin = tmp.resolve('twin/login')
        repo.git('worktree', 'add', '-q', '-b', 'chore/twin', twin.toString(), 'main')

        expect:
        wtcraft('state', '--json', wt.toString(), '--agent', 'a').json.worktree == wt.toString()
        wtcraft('state', '--json', 'feat/login', '--agent', 'b').json.worktree == wt.toString()
        wtcraft('status', '--json').json.find { it.branch == 'chore/elsewhere' }.contracted == false
        wtcraft('check', '--json', 'chore/elsewhere').json.error.message.startsWith('missing task file: ' + other)
        wtcraft('check', '--json', 'login-copy').json.error.message.startsWith('missing task file: ' + other)
        wtcraft('check', '--json', 'login').json.error.message == 'ambiguous worktree: login (name it by path or full branch)'
    }

    def "a locked worktree says so in status"() {
        given:
        def wt = newTask('feat/locked')
        repo.git('worktree', 'lock', '--reason', 'agent running', wt.toString())

        expect:
        wtcraft('status', '--json').json[0].locked == true
    }

    def "outside a repository every command says so"() {
        given:
        def outside = tmp.resolve('plain')
        Files.createDirectories(outside)

        when:
        def run = WtcraftRun.run(outside, [:], 'status', '--json')

        then:
        run.exitCode == 1
        run.json.error.message.startsWith('not a git repository: ')
    }

    def "--repo targets a repository from anywhere"() {
        given:
        newTask('feat/r')
        def elsewhere = tmp.resolve('elsewhere')
        Files.createDirectories(elsewhere)

        expect:
        WtcraftRun.run(elsewhere, [:], 'status', '--json', '--repo', repo.root.toString()).json*.branch == ['feat/r']
        WtcraftRun.run(elsewhere, [:], 'check', '--repo', repo.root.toString(), 'feat/r').exitCode == 0
    }

    def "capabilities and version"() {
        when:
        def caps = wtcraft('capabilities', '--json')
        def version = wtcraft('--version')

        then:
        caps.json.protocol_version == 1
        caps.json.commands.keySet().containsAll(['check', 'verify', 'status', 'state', 'capabilities'])
        caps.json.commands.check.exit_codes.keySet() == ['0', '1', '2'] as Set
        caps.json.commands.status.success_shape == 'array'
        version.out.trim() ==~ /wtcraft \d+\.\d+\.\d+.*/
    }

    def "shell completion is generated for every command"() {
        when:
        def run = wtcraft('generate-completion')

        then:
        run.exitCode == 0
        run.out.contains('complete -F')
        ['init', 'new', 'state', 'check', 'verify', 'status', 'capabilities'].every { run.out.contains(it) }
    }
}
