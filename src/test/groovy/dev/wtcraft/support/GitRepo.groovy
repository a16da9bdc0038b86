package dev.wtcraft.support

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

/** A real git repository in a temporary directory, driven through the git CLI. */
class GitRepo {
    final Path root

    GitRepo(Path root) {
        this.root = root
    }

    static GitRepo create(Path parent, String branch = 'main') {
        Path root = parent.resolve('repo')
        Files.createDirectories(root)
        def repo = new GitRepo(root)
        repo.git('init', '-q', '-b', branch)
        repo.git('config', 'user.email', 'test@example.com')
        repo.git('config', 'user.name', 'Test')
        repo.git('config', 'commit.gpgsign', 'false')
        repo.write('README.md', 'seed\n')
        repo.commit('seed')
        return repo
    }

    String git(String... args) {
        gitIn(root, args)
    }

    static String gitIn(Path dir, String... args) {
        def cmd = ['git'] + args.toList()
        def pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        pb.environment().put('GIT_CONFIG_NOSYSTEM', '1')
        def p = pb.start()
        p.outputStream.close()
        def out = new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8)
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git ${args.join(' ')} failed in ${dir}: ${out}")
        }
        out
    }

    static byte[] gitBytes(Path dir, String... args) {
        def p = new ProcessBuilder(['git'] + args.toList()).directory(dir.toFile()).start()
        p.outputStream.close()
        def out = p.inputStream.readAllBytes()
        assert p.waitFor() == 0
        out
    }

    Path write(String path, String text) {
        writeIn(root, path, text)
    }

    static Path writeIn(Path dir, String path, String text) {
        Path file = dir.resolve(path)
        Files.createDirectories(file.parent)
        Files.writeString(file, text)
        file
    }

    void commit(String message) {
        git('add', '-A')
        git('commit', '-q', '--allow-empty', '-m', message)
    }

    Path worktree(String name) {
        root.resolve('worktrees').resolve(name)
    }
}
