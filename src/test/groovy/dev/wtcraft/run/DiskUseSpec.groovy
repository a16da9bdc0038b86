package dev.wtcraft.run

import dev.wtcraft.io.ByteSize
import dev.wtcraft.support.GitRepo
import dev.wtcraft.support.WtcraftSpecification

import java.nio.file.Files
import java.nio.file.Path

class DiskUseSpec extends WtcraftSpecification {
    static final int BIG = 100_000

    /** Bytes that do not compress, so the file system stores every one of them. */
    static byte[] noise(int size) {
        def bytes = new byte[size]
        new Random(7).nextBytes(bytes)
        bytes
    }

    long sizeOf(String branch) {
        def entry = wtcraft('status', '--size', '--json').json.find { it.branch == branch }
        assert entry.size_bytes != null
        entry.size_bytes as long
    }

    def "status --size counts a file once however many hard links it has, and a link, never what it points to"() {
        given:
        def wt = newTask('feat/a')
        def cache = Files.createDirectories(tmp.resolve('shared-cache'))
        Files.write(cache.resolve('huge.bin'), noise(2_000_000))
        long before = sizeOf('feat/a')

        when:
        Files.write(wt.resolve('big.bin'), noise(BIG))
        Files.createLink(wt.resolve('big-again.bin'), wt.resolve('big.bin'))
        Files.createSymbolicLink(wt.resolve('node_modules'), cache)
        long after = sizeOf('feat/a')

        then: 'the 100,000 bytes (in whole blocks), not 200,000, and not the 2 MB behind the link'
        after - before >= BIG
        after - before < BIG + 32 * 1024

        and: 'without --size nothing is measured; in text the size is for people'
        wtcraft('status', '--json').json[0].size_bytes == null
        def text = wtcraft('status', '--size')
        text.out.readLines()[0].endsWith('SIZE')
        text.out.contains(ByteSize.format(after))
        !wtcraft('status').out.contains('SIZE')
    }

    def "runs shows what each run's ledger takes"() {
        given:
        repo.write('wtcraft.groovy', '''engines { shell 'w', 'echo x > "$WTCRAFT_PROMPT"' }\ntask('feat/a') { engine 'w'; prompt 'a.txt' }\n''')
        repo.commit('recipe')
        assert wtcraft('run').exitCode == 0
        def ledger = repo.root.resolve('.wtcraft/runs').toFile().listFiles().find { it.isDirectory() }
        long content = 0
        ledger.eachFileRecurse { if (it.isFile()) content += it.length() }

        when:
        def runs = wtcraft('runs', '--json').json
        def text = wtcraft('runs').out

        then: 'at least the bytes of its files, within a block of each file and directory more'
        def files = 0
        ledger.eachFileRecurse { files++ }
        runs[0].size_bytes >= content
        runs[0].size_bytes <= content + (files + 1) * 8192
        text.contains(ByteSize.format(runs[0].size_bytes as long))
        text.contains("1 run, ${ByteSize.format(runs[0].size_bytes as long)} of ledgers")
    }

    def "doctor warns past the size set, naming the largest worktrees and the clean that reclaims them"() {
        given: 'a landed task (clean takes it) and a bigger one with work only on its branch (clean keeps it)'
        def small = newTask('feat/small')
        def big = newTask('feat/big')
        Files.write(big.resolve('big.bin'), noise(BIG))
        GitRepo.gitIn(big, 'add', 'big.bin')
        GitRepo.gitIn(big, 'commit', '-q', '-m', 'big')

        when:
        def over = wtcraftEnv([WTCRAFT_DISK_WARN: '64K'], 'doctor')
        def overJson = wtcraftEnv([WTCRAFT_DISK_WARN: '64K'], 'doctor', '--json').json.disk

        then:
        over.exitCode != 1
        def line = over.out.readLines().find { it.startsWith('disk') }
        line.contains('WARNING: worktrees take')
        line.contains('over WTCRAFT_DISK_WARN 64 KiB')
        line.indexOf('worktrees/feat/big') < line.indexOf('worktrees/feat/small')
        line.contains("'wtcraft clean' reclaims ${ByteSize.format(overJson.clean_reclaims_bytes as long)}")
        overJson.over
        overJson.limit_bytes == 64 * 1024
        overJson.largest*.branch == ['feat/big', 'feat/small']
        overJson.worktrees_bytes == overJson.largest*.size_bytes.sum()
        overJson.clean_reclaims_bytes == overJson.largest.find { it.branch == 'feat/small' }.size_bytes
        Files.exists(small)

        when: 'under the size: no warning; git config is read when the variable is not set'
        repo.git('config', 'wtcraft.diskWarn', '1T')
        def under = wtcraftEnv([WTCRAFT_DISK_WARN: ''], 'doctor', '--json').json.disk
        def underText = wtcraftEnv([WTCRAFT_DISK_WARN: ''], 'doctor').out

        then:
        !under.over
        under.setting == 'wtcraft.diskWarn'
        underText.contains('within wtcraft.diskWarn 1.0 TiB')
        !underText.contains('WARNING')

        when: 'the variable wins over git config'
        def env = wtcraftEnv([WTCRAFT_DISK_WARN: '1K'], 'doctor', '--json').json.disk

        then:
        env.setting == 'WTCRAFT_DISK_WARN'
        env.over
    }

    def "a value that is not a size is one line naming the setting and what to write"() {
        given:
        newTask('feat/a')
        repo.git('config', 'wtcraft.diskWarn', 'lots')

        when:
        def run = wtcraftEnv([WTCRAFT_DISK_WARN: ''], 'doctor')
        def json = wtcraftEnv([WTCRAFT_DISK_WARN: '5X'], 'doctor', '--json')

        then:
        run.exitCode == 1
        run.err.readLines() == ["wtcraft doctor: wtcraft.diskWarn is 'lots', which is not a size: write one like 20G, "
                + "500M or 1.5T (binary units: G is 1024^3 bytes)"]
        json.exitCode == 1
        json.json.error.message.startsWith("WTCRAFT_DISK_WARN is '5X', which is not a size")
    }

    def "sizes are read and written in binary units"() {
        expect:
        ByteSize.format(bytes) == text

        where:
        bytes                            | text
        0                                | '0 B'
        1023                             | '1023 B'
        1024                             | '1.0 KiB'
        1536                             | '1.5 KiB'
        10 * 1024 * 1024                 | '10 MiB'
        (long) (1.24 * (1L << 30))       | '1.2 GiB'
        (long) (123.4 * (1L << 30))      | '123 GiB'
    }

    def "a size is parsed as people write it, or not at all"() {
        expect:
        ByteSize.parse(text) == bytes

        where:
        text      | bytes
        '20G'     | 20L << 30
        '20GiB'   | 20L << 30
        '20 gb'   | 20L << 30
        '500M'    | 500L << 20
        '1.5T'    | 3L << 39
        '800k'    | 800L << 10
        '1048576' | 1048576L
        'lots'    | null
        ''        | null
        '5X'      | null
        '-1G'     | null
    }
}
