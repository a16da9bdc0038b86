package dev.wtcraft.support

import org.opentest4j.TestAbortedException

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest

/**
 * The command line in a JVM of its own: with exactly the environment given (a recipe that reads `System.getenv`
 * sees it), and, for the unprivileged variants of the adversary specs, as a user id no account has. CI runs as
 * root; {@link #asUser} switches with setpriv, and skips saying why where that cannot be done.
 */
final class WtcraftProcess {
    /** The throwaway user the unprivileged variants run as. */
    static final int UID = 54321

    private static Path sharedClasspath

    private WtcraftProcess() {
    }

    /** Skips the feature, saying why, unless this process can run another as {@link #UID}. */
    static void requireUserSwitch() {
        if (!isRoot()) {
            throw new TestAbortedException('the unprivileged variant needs root to switch to a throwaway user; this runs unprivileged already')
        }
        if (!['/usr/bin/setpriv', '/bin/setpriv'].any { Files.isExecutable(Path.of(it)) }) {
            throw new TestAbortedException('setpriv (util-linux) is not installed: cannot switch to a throwaway user')
        }
    }

    static boolean isRoot() {
        new com.sun.security.auth.module.UnixSystem().uid == 0
    }

    /** Gives a directory tree (a spec's temp directory) to the throwaway user. */
    static void handOver(Path dir) {
        def p = new ProcessBuilder('chown', '-R', "${UID}:${UID}", dir.toString()).redirectErrorStream(true).start()
        String out = new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8)
        assert p.waitFor() == 0: out
    }

    /** wtcraft as this user, in its own JVM, with {@code env} on top of a minimal base. */
    static WtcraftRun run(Path cwd, Path home, Map<String, String> env, String... args) {
        start(cwd, home, env, null, args)
    }

    /** wtcraft as the throwaway user; {@code home} and {@code cwd} must be handed over first. */
    static WtcraftRun asUser(Path cwd, Path home, Map<String, String> env, String... args) {
        start(cwd, home, env, UID, args)
    }

    /** wtcraft started and left running (as the throwaway user when {@code asUser}), its output discarded. */
    static Process spawn(Path cwd, Path home, Map<String, String> env, boolean asUser, String... args) {
        def pb = builder(cwd, home, env, asUser ? UID : null, args)
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
        def p = pb.start()
        p.outputStream.close()
        p
    }

    private static WtcraftRun start(Path cwd, Path home, Map<String, String> env, Integer uid, String... args) {
        def p = builder(cwd, home, env, uid, args).start()
        p.outputStream.close()
        def err = new ByteArrayOutputStream()
        def pump = Thread.start { err << p.errorStream }
        String out = new String(p.inputStream.readAllBytes(), StandardCharsets.UTF_8)
        int code = p.waitFor()
        pump.join()
        new WtcraftRun(exitCode: code, out: out, err: err.toString(StandardCharsets.UTF_8))
    }

    private static ProcessBuilder builder(Path cwd, Path home, Map<String, String> env, Integer uid, String... args) {
        List<String> cmd = []
        if (uid != null) {
            cmd += ['setpriv', "--reuid=${uid}".toString(), "--regid=${uid}".toString(), '--clear-groups']
        }
        cmd += [Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-XX:TieredStopAtLevel=1',
                '-XX:+UseSerialGC', '-Dpicocli.disable.closures=true', '-Dfile.encoding=UTF-8',
                '-cp', classpath(), 'dev.wtcraft.cli.Main'] + args.toList()
        def pb = new ProcessBuilder(cmd).directory(cwd.toFile())
        def e = pb.environment()
        e.clear()
        e.putAll([PATH             : System.getenv('PATH'), HOME: home.toString(), LC_ALL: 'C.UTF-8',
                  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
                  WTCRAFT_CACHE_DIR : home.resolve('.cache/wtcraft').toString(),
                  WTCRAFT_CONFIG_DIR: home.resolve('.config/wtcraft').toString()])
        env.each { k, v -> v == null ? e.remove(k) : e.put(k, v) }
        pb
    }

    /** The tests' classpath, its jars copied where any user can read them (the build's repository may not be): what a wtcraft JVM of its own runs on. */
    static synchronized String classpath() {
        String cp = System.getProperty('surefire.test.class.path') ?: System.getProperty('java.class.path')
        List<String> entries = cp.split(File.pathSeparator).findAll { it }
        if (sharedClasspath == null) {
            String key = MessageDigest.getInstance('SHA-256').digest(cp.getBytes(StandardCharsets.UTF_8)).encodeHex().toString().take(16)
            sharedClasspath = Path.of(System.getProperty('java.io.tmpdir'), "wtcraft-test-classpath-${key}")
            Files.createDirectories(sharedClasspath)
            sharedClasspath.toFile().setReadable(true, false)
            sharedClasspath.toFile().setExecutable(true, false)
            entries.eachWithIndex { String entry, int i ->
                Path p = Path.of(entry)
                if (Files.isRegularFile(p)) {
                    Path copy = sharedClasspath.resolve("${i}-${p.fileName}")
                    if (!Files.exists(copy)) {
                        Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING)
                        copy.toFile().setReadable(true, false)
                    }
                }
            }
        }
        entries.withIndex().collect { String entry, int i ->
            Path p = Path.of(entry)
            Files.isRegularFile(p) ? sharedClasspath.resolve("${i}-${p.fileName}").toString() : entry
        }.join(File.pathSeparator)
    }
}
