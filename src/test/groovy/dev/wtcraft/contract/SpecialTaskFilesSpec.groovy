package dev.wtcraft.contract

import dev.wtcraft.support.WtcraftSpecification
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path

/**
 * The contract and the state file are the engine's to write: anything there but a regular file (a FIFO, a link, a
 * directory, a device) is one clear line for that task, never a hang and never a file read through a link.
 */
@Timeout(120)
class SpecialTaskFilesSpec extends WtcraftSpecification {

    def "a #kind in place of the #file: every command answers at once with one line"() {
        given:
        def wt = newTask('feat/x', ['--scope', 'src/', '--verify', 'true'])
        def target = wt.resolve(file)
        Files.delete(target)
        make(target)

        when:
        def results = [wtcraft('check', 'feat/x'), wtcraft('verify', 'feat/x'),
                       wtcraft('state', 'feat/x', '--agent', 'a'), wtcraft('check', '--json', 'feat/x')]
        def status = wtcraft('status', '--json')

        then:
        results.take(3).every { it.exitCode == 1 && it.err.readLines().size() == 1 && it.err.contains(message) }
        results[3].exitCode == 1
        results[3].json.error.message.contains(message)
        status.exitCode == 0
        file == '.worktree-task.md' ? status.json[0].contract_error.contains(message) : status.json[0].state_valid == false
        status.json[0].stage == null

        where:
        file                   | kind                    | make                                                             || message
        '.worktree-task.md'    | 'FIFO'                  | { Path p -> mkfifo(p) }                                          || 'task file is not a regular file: '
        '.worktree-task.md'    | 'symlink to a FIFO'     | { Path p -> Files.createSymbolicLink(p, mkfifo(p.resolveSibling('fifo'))) } || 'is a symbolic link'
        '.worktree-task.md'    | 'symlink to a contract' | { Path p -> Files.createSymbolicLink(p, copyOfContract(p)) }     || 'is a symbolic link'
        '.worktree-task.md'    | 'symlink to /dev/zero'  | { Path p -> Files.createSymbolicLink(p, Path.of('/dev/zero')) }  || 'is a symbolic link'
        '.worktree-task.md'    | 'directory'             | { Path p -> Files.createDirectory(p) }                           || 'is a directory'
        '.worktree-state.json' | 'FIFO'                  | { Path p -> mkfifo(p) }                                          || 'state file is not a regular file: '
        '.worktree-state.json' | 'symlink'               | { Path p -> Files.createSymbolicLink(p, Path.of('/dev/zero')) }  || 'is a symbolic link'
        '.worktree-state.json' | 'directory'             | { Path p -> Files.createDirectory(p) }                           || 'is a directory'
    }

    def "every failure of a task file is a TaskFileException naming its problem"() {
        given:
        def dir = tmp.resolve('files')
        Files.createDirectories(dir)
        def file = dir.resolve(name)
        setup.call(file)

        when:
        reader.call(file)

        then:
        def e = thrown(TaskFileException)
        e.problem() == problem
        e.exitCode() == 1
        e.file() == file
        e.message.contains(file.toString())

        where:
        name                   | setup                                                          | reader                         || problem
        '.worktree-task.md'    | { Path p -> }                                                  | { ContractParser.read(it) }    || TaskFileException.Problem.MISSING
        '.worktree-task.md'    | { Path p -> mkfifo(p) }                                        | { ContractParser.read(it) }    || TaskFileException.Problem.NOT_REGULAR
        '.worktree-task.md'    | { Path p -> Files.write(p, new byte[9 << 20]) }                | { ContractParser.read(it) }    || TaskFileException.Problem.UNREADABLE
        '.worktree-task.md'    | { Path p -> Files.write(p, [0xff, 0xfe] as byte[]) }           | { ContractParser.read(it) }    || TaskFileException.Problem.MALFORMED
        '.worktree-task.md'    | { Path p -> Files.writeString(p, '---\nstate_file: x.json\n---\n') } | { ContractParser.read(it) } || TaskFileException.Problem.MALFORMED
        '.worktree-state.json' | { Path p -> mkfifo(p) }                                        | { StateCodec.read(it) }        || TaskFileException.Problem.NOT_REGULAR
        '.worktree-state.json' | { Path p -> Files.writeString(p, '{"schema_version": 1}') }    | { StateCodec.read(it) }        || TaskFileException.Problem.FORGED
    }

    def "a missing state file is no error, and nothing is followed to find one"() {
        expect:
        StateCodec.read(tmp.resolve('none.json')).isEmpty()
    }

    static Path mkfifo(Path p) {
        assert new ProcessBuilder('mkfifo', p.toString()).start().waitFor() == 0
        p
    }

    static Path copyOfContract(Path p) {
        def copy = p.resolveSibling('real-contract.md')
        Files.writeString(copy, '---\nbase: main\n---\n## Scope\n- src/\n')
        copy
    }
}
