package dev.wtcraft.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process every step runs under: the leader of the step's session, which starts the command, and ends
 * whatever the command left once it is done, its time is up, or wtcraft itself is gone (a SIGKILLed wtcraft cannot
 * clean up after itself; its engines must not outlive it).
 *
 * <p>Where perl is installed (Debian and Ubuntu always have it) the guard is a small perl program, because three
 * things it must do are out of reach of Java and of a shell: it becomes a child subreaper (`prctl`), so that a
 * process that double-forks or calls `setsid` to leave the step is handed back to the guard rather than to init,
 * and is killed with the rest; it kills every process below it, not only its process group; and its own
 * environment holds nothing but PATH (the command's variables reach it on its standard input, so an engine reading
 * `/proc/PID/environ` of its guard finds no secret). Without perl it is the shell guard of old: the process group
 * only, and the environment inherited.
 */
public final class Guard {
    private Guard() {
    }

    /** `prctl` by architecture (perl's `syscall` needs the number); 0 where unknown, and then no subreaper. */
    private static final int PRCTL = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 157;
        case "aarch64", "arm64" -> 167;
        default -> 0;
    };

    static final String PERL = firstExecutable("/usr/bin/perl", "/bin/perl");

    /**
     * Reads NUL-separated NAME=VALUE pairs from stdin, becomes a subreaper, runs the command with those variables,
     * and, when it ends (or on TERM, after a grace, or when the JVM is gone), kills every process left below it.
     * No modules (POSIX alone costs 10 ms a step): 1 is WNOHANG on Linux.
     */
    private static final String PROGRAM = String.join("\n",
            "use strict;",
            "my ($jvm, $prctl) = splice(@ARGV, 0, 2);",
            "syscall($prctl, 36, 1, 0, 0, 0) if $prctl;",
            "my %env; { local $/ = \"\\0\"; while (defined(my $kv = <STDIN>)) { chomp $kv; my $i = index($kv, '=');",
            "  $env{substr($kv, 0, $i)} = substr($kv, $i + 1) if $i > 0; } }",
            "open(STDIN, '<', '/dev/null');",
            "my $term = 0; $SIG{TERM} = sub { $term = 1 }; $SIG{CHLD} = sub { };",
            "my $child = fork(); die \"wtcraft: cannot fork: $!\\n\" unless defined $child;",
            "if (defined $child && $child == 0) { $SIG{TERM} = 'DEFAULT'; $SIG{CHLD} = 'DEFAULT'; %ENV = %env;",
            "  exec { $ARGV[0] } @ARGV; print STDERR \"wtcraft: cannot start $ARGV[0]: $!\\n\"; exit 127; }",
            "sub below { my %kids; opendir(my $d, '/proc') or return ();",
            "  for my $p (grep { /^\\d+$/ } readdir $d) { open(my $f, '<', \"/proc/$p/stat\") or next; my $s = <$f>; close $f;",
            "    next unless defined $s && $s =~ /\\)\\s+(\\S)\\s+(\\d+)/; push @{$kids{$2}}, [$p, $1]; }",
            "  closedir $d; my @out; my @queue = ($$);",
            "  while (@queue) { for my $k (@{$kids{shift @queue} || []}) { push @out, $k; push @queue, $k->[0]; } } @out }",
            "sub reap { my $p; while (($p = waitpid(-1, 1)) > 0) { $main::status = $? if $p == $child; } }",
            "sub end { for (1 .. 200) { reap(); my @live = grep { $_->[1] ne 'Z' } below(); last unless @live;",
            "  kill('KILL', map { $_->[0] } @live); select(undef, undef, undef, 0.01); } reap(); }",
            "our $status; my $deadline;",
            "while (1) { reap(); last if defined $status;",
            "  if (!kill(0, $jvm)) { end(); exit 137; }",
            "  if ($term && !defined $deadline) { kill('TERM', map { $_->[0] } below()); $deadline = time + 2; }",
            "  last if defined $deadline && time >= $deadline;",
            "  select(undef, undef, undef, 0.2); }",
            "end();",
            "exit(!defined $status ? 143 : ($status & 127) ? 128 + ($status & 127) : $status >> 8);");

    /** The older guard, where there is no perl: a watchdog that kills the process group once the JVM is gone. */
    private static final String SHELL = "jvm=$1; shift; \"$@\" & child=$!; "
            + "( while kill -0 \"$jvm\" 2>/dev/null; do sleep 0.3; done; kill -KILL 0 ) & watchdog=$!; "
            + "wait \"$child\"; status=$?; kill \"$watchdog\" 2>/dev/null; exit $status";

    /** What the guard of this machine does, for `doctor`. */
    public static String describe() {
        return PERL != null
                ? "perl (" + PERL + "): a child subreaper that ends every process a step started, setsid or double-forked ones too; its own environment holds only PATH"
                : "sh: ends the step's process group only (a setsid or double-forked process can outlive it; install perl for more), and holds the step's environment";
    }

    /** The words that start a command under the guard, after `setsid`. */
    static List<String> words(String jvm) {
        if (PERL == null) {
            return List.of("sh", "-c", SHELL, "wtcraft-guard", jvm);
        }
        return List.of("env", "-i", "PATH=/usr/bin:/bin", PERL, "-e", PROGRAM, jvm, Integer.toString(PRCTL));
    }

    /** What the guard reads on its standard input: the command's variables, NUL-separated (nothing for sh). */
    static byte[] input(Map<String, String> env) {
        if (PERL == null) {
            return new byte[0];
        }
        StringBuilder out = new StringBuilder();
        env.forEach((k, v) -> {
            if (k.indexOf('=') < 0 && k.indexOf('\0') < 0 && v.indexOf('\0') < 0) {
                out.append(k).append('=').append(v).append('\0');
            }
        });
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String firstExecutable(String... paths) {
        List<String> found = new ArrayList<>();
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                found.add(p);
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
