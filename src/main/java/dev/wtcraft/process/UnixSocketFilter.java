package dev.wtcraft.process;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seccomp program bubblewrap loads for `network false`: creating a unix-domain socket fails (EACCES), so no
 * socket in the file system can be reached, wherever it lives (`$SSH_AUTH_SOCK`, `/run/docker.sock`, D-Bus, one
 * under a read-only path, one made after the sandbox started). A network namespace only cuts off abstract sockets
 * and IP; a file-system socket is reached by its path from any namespace. `socketpair` still works (it reaches
 * nothing outside), and so does every other system call. io_uring is refused too: it can make sockets without
 * the socket system call.
 *
 * <p>Classic BPF over `struct seccomp_data` (nr at 0, arch at 4, args[0] at 16, little-endian), for the two
 * architectures this is built for, each with its 32-bit compat ABI.
 */
public final class UnixSocketFilter {
    private static final int LD_ABS = 0x20;   // BPF_LD | BPF_W | BPF_ABS
    private static final int JEQ = 0x15;      // BPF_JMP | BPF_JEQ | BPF_K
    private static final int JGE = 0x35;      // BPF_JMP | BPF_JGE | BPF_K
    private static final int RET = 0x06;      // BPF_RET | BPF_K
    private static final int ALLOW = 0x7fff0000;
    private static final int DENY = 0x00050000 | 13; // SECCOMP_RET_ERRNO | EACCES
    private static final int AF_UNIX = 1;
    private static final int IO_URING_SETUP = 425; // the same number on every architecture since 5.1

    private UnixSocketFilter() {
    }

    /** One architecture's numbers: its audit arch, its socket system call, and socketcall where it has one. */
    private record Abi(int arch, int socket, int socketcall, boolean x32) {
    }

    /** The program for this machine's architecture, or empty where none is written (the README says which). */
    public static Optional<byte[]> program() {
        return program(System.getProperty("os.arch"));
    }

    static Optional<byte[]> program(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(assemble(new Abi(0xC000003E, 41, -1, true),
                    new Abi(0x40000003, 359, 102, false)));
            case "aarch64", "arm64" -> Optional.of(assemble(new Abi(0xC00000B7, 198, -1, false),
                    new Abi(0x40000028, 281, -1, false)));
            default -> Optional.empty();
        };
    }

    /** Native ABI first, then its compat ABI; any other architecture value is let through (the kernel has none). */
    private static byte[] assemble(Abi nativeAbi, Abi compat) {
        Program p = new Program();
        p.load(4);
        p.jumpIf(JEQ, nativeAbi.arch(), "native", "compat");
        p.label("native");
        body(p, nativeAbi);
        p.label("compat");
        p.jumpIf(JEQ, compat.arch(), "compat-abi", "allow");
        p.label("compat-abi");
        body(p, compat);
        p.label("check-family");
        p.load(16);
        p.jumpIf(JEQ, AF_UNIX, "deny", "allow");
        p.label("check-socketcall");
        p.load(16);
        p.jumpIf(JEQ, 1, "deny", "allow"); // SYS_SOCKET: its family is behind a pointer, so every socket() is refused
        p.label("allow");
        p.ret(ALLOW);
        p.label("deny");
        p.ret(DENY);
        return p.bytes();
    }

    private static void body(Program p, Abi abi) {
        p.load(0);
        if (abi.x32()) {
            p.jumpIf(JGE, 0x40000000, "deny", null); // the x32 ABI of the same architecture: not filtered, so refused
        }
        p.jumpIf(JEQ, IO_URING_SETUP, "deny", null);
        if (abi.socketcall() >= 0) {
            p.jumpIf(JEQ, abi.socketcall(), "check-socketcall", null);
        }
        p.jumpIf(JEQ, abi.socket(), "check-family", "allow");
    }

    /** A classic BPF program with named jump targets (null: the next instruction), resolved when assembled. */
    private static final class Program {
        private record Instruction(int code, int k, String ifTrue, String ifFalse) {
        }

        private final List<Instruction> code = new ArrayList<>();
        private final Map<String, Integer> labels = new HashMap<>();

        void load(int offset) {
            code.add(new Instruction(LD_ABS, offset, null, null));
        }

        void jumpIf(int op, int k, String ifTrue, String ifFalse) {
            code.add(new Instruction(op, k, ifTrue, ifFalse));
        }

        void ret(int value) {
            code.add(new Instruction(RET, value, null, null));
        }

        void label(String name) {
            labels.put(name, code.size());
        }

        byte[] bytes() {
            ByteBuffer out = ByteBuffer.allocate(code.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < code.size(); i++) {
                Instruction in = code.get(i);
                out.putShort((short) in.code());
                out.put((byte) offset(i, in.ifTrue()));
                out.put((byte) offset(i, in.ifFalse()));
                out.putInt(in.k());
            }
            return out.array();
        }

        private int offset(int at, String label) {
            if (label == null) {
                return 0;
            }
            int jump = labels.get(label) - at - 1;
            if (jump < 0 || jump > 255) {
                throw new IllegalStateException("BPF jump out of range to " + label);
            }
            return jump;
        }
    }
}
