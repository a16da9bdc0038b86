package dev.wtcraft.task;

import dev.wtcraft.git.GitPath;
import dev.wtcraft.git.WorkingTree;
import dev.wtcraft.scope.PathPattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Which build output check judges against Off-limits. git names a wholly ignored directory once (`target/`); it is
 * listed file by file only when an Off-limits pattern could match something inside it, so `node_modules/` costs
 * nothing unless a pattern could reach into it.
 */
public final class IgnoredFiles {
    private IgnoredFiles() {
    }

    public static List<String> toJudge(WorkingTree tree, List<GitPath> ignored, List<String> offLimitItems) {
        List<PathPattern> offLimits = offLimitItems.stream().map(PathPattern::compile).toList();
        List<String> out = new ArrayList<>();
        if (offLimits.isEmpty()) {
            ignored.forEach(p -> out.add(p.text()));
            return out;
        }
        for (GitPath entry : ignored) {
            String path = entry.text();
            if (path.endsWith("/") && offLimits.stream().anyMatch(p -> reachesInto(p, path))) {
                tree.ignoredUnder(path).forEach(p -> out.add(p.text()));
            } else {
                out.add(path);
            }
        }
        return out;
    }

    /** Whether a pattern could match a path below {@code dir} (which ends with `/`). */
    static boolean reachesInto(PathPattern p, String dir) {
        String head = p.literalHead();
        if (!p.isGlob()) {
            return head.startsWith(dir);
        }
        return head.startsWith(dir) || dir.startsWith(head);
    }
}
