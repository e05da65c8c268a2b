package io.icebench.plugins.dompacking;

import java.util.ArrayList;
import java.util.List;

/**
 * A kind of case the study packs: the extreme events alone and in growing groups, or the random baseline. Each
 * family makes its cases from the selected events; the study packs them all alike.
 */
interface CaseFamily {

    List<Case> cases(EventSelection events);

    /** The study's families, in the order their cases are measured and reported. */
    List<CaseFamily> ALL = List.of(new Extreme(), new Random());

    /**
     * The most extreme event alone, then the top 5 and top 10 together: how packing copes as the batch fills with
     * huge events. A group that would repeat the previous one (fewer extreme events than its size) is left out.
     */
    final class Extreme implements CaseFamily {
        private static final int[] SIZES = {1, 5, 10};

        @Override
        public List<Case> cases(EventSelection events) {
            List<Case> cases = new ArrayList<>();
            for (int size : SIZES) {
                int n = Math.min(size, events.topRows.size());
                if (n == 0 || (size > 1 && n < size && !cases.isEmpty()
                        && cases.get(cases.size() - 1).events().size() == n)) {
                    continue;
                }
                String name = n == 1 ? "most extreme event" : "top " + n + " events";
                cases.add(Case.of(name, events.topRows.subList(0, n), events));
            }
            return cases;
        }
    }

    /** The ordinary baseline: the random events of the scanned range, packed together. */
    final class Random implements CaseFamily {
        @Override
        public List<Case> cases(EventSelection events) {
            if (events.randomRows.isEmpty()) {
                return List.of();
            }
            return List.of(Case.of(events.randomRows.size() + " random events", events.randomRows, events));
        }
    }
}
