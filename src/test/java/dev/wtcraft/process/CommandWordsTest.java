package dev.wtcraft.process;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A command line read as the shell reads it: every command it runs, however it is spelled. */
class CommandWordsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '^', textBlock = """
            git  push => git push
            /usr/bin/git push origin => git push origin
            true && git push => true ## git push
            false || git push => false ## git push
            env git push => git push
            env -i FOO=1 -u HOME git push => git push
            env -S 'git push' origin => git push origin
            command git push => git push
            command -p git push => git push
            exec git push => git push
            exec -a name git push => git push
            (git push) => git push
            { git push; } => git push
            echo $(git push) => echo $(git push) ## git push
            x=`git push` => git push
            git push; => git push
            bash -c 'git push' => git push
            sh -lc "git push --force" => git push --force
            busybox sh -c 'git push' => git push
            eval git push => git push
            eval 'git push' => git push
            \\git push => git push
            'g'it pu"sh" => git push
            $'git' $'\\x70ush' => git push
            GIT_TRACE=1 git push => git push
            nohup git push & => git push
            timeout -s KILL 10 git push => git push
            nice -n 5 sudo -u me git push => git push
            xargs git push < remotes => git push
            find . -exec git push {} \\; => find . -exec git push {} ; ## git push {}
            git -C /repo -c user.name=x --no-pager push => git push
            if git push; then echo ok; fi => git push ## echo ok
            while true; do git push; done => true ## git push
            for r in a b; do git push $r; done => git push $r
            case x in a) git push;; b|c) ls;; esac => git push ## ls
            f() { git push; }; f => git push ## f
            [[ -n x ]] && git push => git push
            cat <(git push) > /dev/null => cat <(git push) ## git push
            git push 2>&1 | tee log => git push ## tee log
            cat <<EOF\\n$(git push)\\nEOF\\n => cat ## git push
            cat <<'EOF'\\n$(git push)\\nEOF\\n => cat
            echo "$(git push)" => echo $(git push) ## git push
            watch -n 1 git push => git push
            time -p git push => git push
            ! git push => git push
            echo 'git push' => echo git push
            echo a # git push => echo a
            """)
    void everyCommandALineRunsIsFound(String line, String expected) {
        var parsed = CommandWords.of(line.replace("\\n", "\n"));
        assertNull(parsed.unreadable(), () -> "unreadable: " + parsed.unreadable());
        assertEquals(List.of(expected.split(" ## ")), parsed.commands().stream().map(CommandWords.Command::text).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '^', textBlock = """
            git push 'origin => a ' quote is not closed
            echo "unclosed => a " quote is not closed
            echo $(git push => a command substitution '$(' is not closed
            $GIT push => the program '$GIT' is known only once the shell expands it
            g* push => the program 'g*' is known only once the shell expands it
            {git,push} => the program '{git,push}' is known only once the shell expands it
            eval "$CMD" => what eval runs is known only once the shell expands '$CMD'
            echo git push | bash => bash reads the commands it runs from its input
            sh < script => sh reads the commands it runs from its input
            """)
    void aLineThatCannotBeReadSaysWhy(String line, String why) {
        var parsed = CommandWords.of(line);
        assertNotNull(parsed.unreadable());
        assertEquals(why, parsed.unreadable());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            xargs git => true
            find . -exec git {} + => true
            git push => false
            """)
    void aCommandThatGetsMoreArgumentsFromElsewhereIsOpen(String line, boolean open) {
        var commands = CommandWords.of(line).commands();
        assertEquals(open, commands.get(commands.size() - 1).open());
    }
}
