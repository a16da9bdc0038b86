package dev.wtcraft.support

import dev.wtcraft.cli.Cli
import groovy.json.JsonSlurper

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/** One in-process invocation of the command line, with everything it printed. */
class WtcraftRun {
    int exitCode
    String out
    String err

    static WtcraftRun run(Path cwd, Map<String, String> env = [:], String... args) {
        def outBytes = new ByteArrayOutputStream()
        def errBytes = new ByteArrayOutputStream()
        def out = new PrintStream(outBytes, true, StandardCharsets.UTF_8)
        def err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)
        Map<String, String> fullEnv = new HashMap<>(System.getenv())
        fullEnv.remove('WTCRAFT_BASE_BRANCH')
        fullEnv.putAll(env)
        int code = Cli.run(cwd, fullEnv, out, err, args)
        new WtcraftRun(exitCode: code, out: outBytes.toString(StandardCharsets.UTF_8),
                err: errBytes.toString(StandardCharsets.UTF_8))
    }

    /** stdout parsed as the one JSON document it must be. */
    def getJson() {
        def lines = out.readLines().findAll { it.trim() }
        assert lines.size() == 1: "expected exactly one JSON line on stdout, got:\n${out}"
        new JsonSlurper().parseText(lines[0])
    }

    @Override
    String toString() {
        "exit ${exitCode}\n--- stdout\n${out}--- stderr\n${err}"
    }
}
