package dev.wtcraft.task

import dev.wtcraft.contract.TaskFiles
import dev.wtcraft.git.WorkingTree
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files

/** The changed-file union must equal what the git CLI itself says, on a tree with every kind of change. */
class ChangedFilesSpec extends WtcraftSpecification {

    def "the union equals git diff base...HEAD + git diff HEAD + git ls-files --others, in order, deduplicated"() {
        given:
        def rnd = new Random(42)
        (1..40).each { repo.write("d${it % 5}/f${it}.txt", "v${it}\n") }
        repo.write('.gitignore', 'ignored/\n')
        repo.commit('tree')
        def wt = newTask('feat/diff')
        (1..40).each { i ->
            def f = "d${i % 5}/f${i}.txt"
            switch (rnd.nextInt(6)) {
                case 0: GitRepo.writeIn(wt, f, "edited ${i}\n"); break
                case 1: Files.delete(wt.resolve(f)); break
                case 2: GitRepo.writeIn(wt, f, "staged ${i}\n"); GitRepo.gitIn(wt, 'add', f); break
                case 3: Files.createDirectories(wt.resolve('moved')); GitRepo.gitIn(wt, 'mv', f, "moved/${i}.txt"); break
                default: break
            }
        }
        GitRepo.gitIn(wt, 'commit', '-q', '-m', 'some committed', '--allow-empty')
        (1..10).each { i -> GitRepo.writeIn(wt, "d${i % 5}/f${i}.txt", "after commit ${i}\n") }
        (1..5).each { GitRepo.writeIn(wt, "untracked/u${it}.txt", 'u') }
        GitRepo.writeIn(wt, 'ignored/x.txt', 'i')
        repo.write('d1/base-moves.txt', 'b')
        repo.commit('base moves on')

        when:
        def ours = new WorkingTree(wt, TaskFiles::isLocalTaskFile).scan('main', 'spec').get().changes().files()
        def theirs = new LinkedHashSet<String>()
        [['diff', '--name-only', '--no-renames', '-z', 'main...HEAD'],
         ['diff', '--name-only', '--no-renames', '-z', 'HEAD'],
         ['ls-files', '-z', '--others', '--exclude-standard']].each { args ->
            new String(GitRepo.gitBytes(wt, args as String[]), 'UTF-8').split('\u0000').findAll { it }
                    .findAll { !TaskFiles.isLocalTaskFile(it) }.each { theirs << it }
        }

        then:
        ours == theirs.toList()
        ours.size() > 20
    }
}
