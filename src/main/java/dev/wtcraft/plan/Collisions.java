package dev.wtcraft.plan;

import dev.wtcraft.model.TaskDef;
import dev.wtcraft.scope.PathPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tasks must never run at the same time: two tasks whose declared scopes can match the same path, decided
 * on the patterns themselves and on the repository's current files; tasks of one `group`; everything when the
 * recipe says `parallel false`. A task without an engine changes nothing and collides with nothing.
 */
public final class Collisions {
    /** A pair that is serialized, and why. */
    /** Why two tasks of a recipe that says `parallel false` never run at once. */
    public static final String NOT_PARALLEL = "the recipe says parallel false";

    public record Pair(String first, String second, String reason) {
        public boolean involves(String a, String b) {
            return first.equals(a) && second.equals(b) || first.equals(b) && second.equals(a);
        }
    }

    private Collisions() {
    }

    public static List<Pair> of(List<TaskDef> tasks, boolean parallel, List<String> repoFiles) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            for (int j = i + 1; j < tasks.size(); j++) {
                TaskDef a = tasks.get(i);
                TaskDef b = tasks.get(j);
                if (a.dependsOn().contains(b.name()) || b.dependsOn().contains(a.name())) {
                    continue; // ordered anyway
                }
                reason(a, b, parallel, repoFiles).ifPresent(r -> pairs.add(new Pair(a.name(), b.name(), r)));
            }
        }
        return pairs;
    }

    static Optional<String> reason(TaskDef a, TaskDef b, boolean parallel, List<String> repoFiles) {
        if (!parallel) {
            return Optional.of(NOT_PARALLEL);
        }
        if (a.group() != null && Objects.equals(a.group(), b.group())) {
            return Optional.of("both are in group '" + a.group() + "'");
        }
        if (a.engine() == null || b.engine() == null) {
            return Optional.empty();
        }
        if (a.scope().isEmpty() || b.scope().isEmpty()) {
            return Optional.of((a.scope().isEmpty() ? a.name() : b.name()) + " has no scope, so it may change any file");
        }
        for (String p : a.scope()) {
            for (String q : b.scope()) {
                PathPattern pp = PathPattern.compile(p);
                PathPattern qq = PathPattern.compile(q);
                for (String file : repoFiles) {
                    if (pp.matches(file) && qq.matches(file)) {
                        return Optional.of("both scopes match " + file + " ('" + p + "', '" + q + "')");
                    }
                }
                if (mayOverlap(pp, qq)) {
                    return Optional.of("scopes '" + p + "' and '" + q + "' can match the same path");
                }
            }
        }
        return Optional.empty();
    }

    /** Conservative: true unless the patterns' literal parts prove no path can match both. */
    static boolean mayOverlap(PathPattern p, PathPattern q) {
        String ph = p.literalHead();
        String qh = q.literalHead();
        if (!p.isGlob() && !q.isGlob()) {
            return underOrEqual(ph, qh) || underOrEqual(qh, ph);
        }
        if (!ph.startsWith(qh) && !qh.startsWith(ph)) {
            return false; // the literal starts differ: no path starts with both
        }
        if (p.isGlob() && q.isGlob()) {
            String pt = p.literalTail();
            String qt = q.literalTail();
            return pt.endsWith(qt) || qt.endsWith(pt); // *.md and *.ts never meet
        }
        return true;
    }

    private static boolean underOrEqual(String path, String dir) {
        return path.equals(dir) || path.startsWith(dir + "/");
    }
}
