package dev.wtcraft.cli

import dev.wtcraft.support.GitRepo
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/**
 * A short command builds only its own part of the command line: picocli reads the options of the commands it is
 * given through reflection, which was most of the start of `status` and `check`, and `--version` needs none of it.
 */
class StartupClassesSpec extends Specification {
    @TempDir
    Path tmp

    /** The classes a fresh JVM loads for one wtcraft command, by name. */
    List<String> classesLoaded(Path dir, String... args) {
        // as the launcher starts it: picocli looks for Groovy closures in annotations unless told not to
        def pb = new ProcessBuilder(['java', '-verbose:class', '-Dpicocli.disable.closures=true', '-cp', System.getProperty('java.class.path'),
                                     'dev.wtcraft.cli.Main'] + (args as List))
                .directory(dir.toFile()).redirectErrorStream(true)
        Process p = pb.start()
        p.outputStream.close()
        String out = p.inputStream.text
        p.waitFor()
        out.readLines().findResults { line -> (line =~ /\[class,load\] (\S+) /).with { it.find() ? it.group(1) : null } }
    }

    def "--version loads no picocli class, status and check read no other command, and the help still reads every one"() {
        given:
        def repo = GitRepo.create(tmp)

        when:
        def version = classesLoaded(repo.root, '--version')
        def status = classesLoaded(repo.root, 'status', '--json')
        def check = classesLoaded(repo.root, 'check', '--json', 'worktrees/none')
        def help = classesLoaded(repo.root, '--help')

        then:
        version.contains('dev.wtcraft.cli.Main')
        version.findAll { it.startsWith('picocli.') || it.startsWith('groovy.') } == []
        status.contains('dev.wtcraft.cli.StatusCommand')
        // a command's subcommands are loaded when picocli reads that command: none of ci's for status
        status.findAll { it.startsWith('dev.wtcraft.cli.CiCommand$') || it.startsWith('dev.wtcraft.cli.LibCommand$') } == []
        status.findAll { it.startsWith('groovy.') } == []
        check.contains('dev.wtcraft.cli.CheckCommand')
        check.findAll { it.startsWith('dev.wtcraft.cli.CiCommand$') || it.startsWith('dev.wtcraft.cli.LibCommand$') } == []

        and: 'the control: the help reads every command'
        help.any { it.startsWith('dev.wtcraft.cli.CiCommand$') } && help.any { it.startsWith('dev.wtcraft.cli.LibCommand$') }
    }
}
