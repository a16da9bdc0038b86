package dev.wtcraft.support

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Base for specs that drive the real command line against a real repository. */
abstract class WtcraftSpecification extends Specification {
    @TempDir
    Path tmp

    GitRepo repo

    def setup() {
        repo = GitRepo.create(tmp)
    }

    WtcraftRun wtcraft(String... args) {
        WtcraftRun.run(repo.root, [:], args)
    }

    WtcraftRun wtcraftEnv(Map<String, String> env, String... args) {
        WtcraftRun.run(repo.root, env, args)
    }

    /** Edits a task's contract in place, as a person or an agent would. */
    Path editContract(Path worktree, String from, String to) {
        def task = worktree.resolve('.worktree-task.md')
        def text = java.nio.file.Files.readString(task)
        assert text.contains(from)
        java.nio.file.Files.writeString(task, text.replace(from, to))
    }

    /** init, commit the ignore rules, and create a task with the given contract options. */
    Path newTask(String name, List<String> options = []) {
        assert wtcraft('init').exitCode == 0
        if (repo.git('status', '--porcelain').trim()) {
            repo.commit('wtcraft init')
        }
        def run = wtcraft((['new', name] + options) as String[])
        assert run.exitCode == 0: run.toString()
        repo.worktree(name)
    }
}
