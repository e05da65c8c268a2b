package io.icebench.runner.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The differences between two machine fingerprints. {@code hard.*} keys must match for a comparison to mean
 * anything, except {@code hard.git_commit} and {@code hard.git_dirty}: comparing two commits is the point.
 *
 * @param hard hard keys that differ, as {@code key ('old' vs 'new')}
 * @param soft soft keys that differ, in the same form
 */
public record FingerprintDifferences(List<String> hard, List<String> soft) {

    /** Hard keys that are allowed to differ. */
    public static final Set<String> IGNORED = Set.of("hard.git_commit", "hard.git_dirty");

    public FingerprintDifferences {
        hard = List.copyOf(hard);
        soft = List.copyOf(soft);
    }

    public static FingerprintDifferences between(Map<String, String> before, Map<String, String> now) {
        List<String> hard = new ArrayList<>();
        List<String> soft = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            String a = before.get(key);
            String b = now.get(key);
            // measured.* keys are figures of the run (the yardstick's), not of the machine's make-up
            if (Objects.equals(a, b) || IGNORED.contains(key) || key.startsWith("measured.")) {
                continue;
            }
            String line = key + " ('" + (a == null ? "absent" : a) + "' vs '" + (b == null ? "absent" : b) + "')";
            if (key.startsWith("hard.")) {
                hard.add(line);
            } else {
                soft.add(line);
            }
        }
        return new FingerprintDifferences(hard, soft);
    }
}
