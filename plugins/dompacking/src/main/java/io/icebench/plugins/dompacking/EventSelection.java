package io.icebench.plugins.dompacking;

import io.icebench.icecube.Column;
import io.icebench.icecube.EventMeta;
import io.icebench.icecube.collate.Collator;
import io.icebench.icecube.collate.DomBatch;
import io.icebench.icecube.collate.EventSource;
import io.icebench.icecube.read.Dataset;
import io.icebench.icecube.read.EventSlice;
import io.icebench.icecube.read.LoadedBatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The events the study packs: the {@code topK} with the most pulses among the scanned meta rows (pulses per event
 * are known from the meta file, without decoding any batch) and a seeded random sample of the same rows, each
 * collated alone by DOM.
 */
final class EventSelection {

    /** One event of the dataset: its meta row, batch, index within the batch, id and pulses. */
    record EventRef(int row, int batchId, int index, long eventId, int pulses) {
    }

    /** Meta rows scanned whose batch file is present. */
    final int scanned;
    /** The extreme events' rows, most pulses first. */
    final List<Integer> topRows;
    final List<Integer> randomRows;
    /** Every selected event by row, extreme ones first. */
    final Map<Integer, EventRef> refs = new LinkedHashMap<>();
    final Map<Integer, DomBatch> collated;

    private EventSelection(int scanned, List<Integer> topRows, List<Integer> randomRows, EventMeta meta,
                           Dataset dataset) {
        this.scanned = scanned;
        this.topRows = topRows;
        this.randomRows = randomRows;
        List<Integer> all = new ArrayList<>(topRows);
        all.addAll(randomRows);
        for (int row : all) {
            refs.computeIfAbsent(row, r -> ref(meta, r));
        }
        this.collated = collate(dataset, refs.values());
    }

    static EventSelection scan(Dataset dataset, Path folder, long scanLimit, int topK, int random, long seed) {
        EventMeta meta = dataset.meta();
        Set<Integer> present = new HashSet<>(dataset.batchIds());
        int scan = (int) Math.min(meta.size(), scanLimit == 0 ? Long.MAX_VALUE : scanLimit);
        List<Integer> rows = new ArrayList<>();
        PriorityQueue<Integer> top = new PriorityQueue<>(Comparator.<Integer>comparingInt(meta::pulses)
                .thenComparing(Comparator.reverseOrder()));
        for (int row = 0; row < scan; row++) {
            if (!present.contains((int) meta.batchId()[row])) {
                continue;
            }
            rows.add(row);
            if (top.size() < topK) {
                top.add(row);
            } else if (meta.pulses(row) > meta.pulses(top.peek())) {
                top.poll();
                top.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("dataset " + folder + " has no events in its first " + scan
                    + " meta rows");
        }
        List<Integer> topRows = new ArrayList<>(top);
        topRows.sort(Comparator.<Integer>comparingInt(meta::pulses).reversed().thenComparing(Comparator.naturalOrder()));
        return new EventSelection(rows.size(), topRows, sample(rows, random, seed), meta, dataset);
    }

    EventRef ref(int row) {
        return refs.get(row);
    }

    DomBatch batch(int row) {
        return collated.get(row);
    }

    private static EventRef ref(EventMeta meta, int row) {
        long batchId = meta.batchId()[row];
        int index = row - meta.rowsOfBatch(batchId)[0];
        return new EventRef(row, (int) batchId, index, meta.eventId()[row], meta.pulses(row));
    }

    /** {@code count} distinct rows chosen uniformly (all when there are not more), in row order. */
    static List<Integer> sample(List<Integer> rows, int count, long seed) {
        if (count >= rows.size()) {
            return new ArrayList<>(rows);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Integer> chosen = new HashSet<>();
        // Floyd's algorithm: count distinct indices in O(count).
        for (int j = rows.size() - count; j < rows.size(); j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        List<Integer> result = new ArrayList<>();
        for (int index : chosen) {
            result.add(rows.get(index));
        }
        result.sort(Comparator.naturalOrder());
        return result;
    }

    /**
     * Collates each event alone, grouped by DOM. A batch with many wanted events is loaded whole; otherwise only
     * the row groups of each event are read.
     */
    private static Map<Integer, DomBatch> collate(Dataset dataset, Iterable<EventRef> refs) {
        Map<Integer, List<EventRef>> byBatch = new TreeMap<>();
        for (EventRef ref : refs) {
            byBatch.computeIfAbsent(ref.batchId(), b -> new ArrayList<>()).add(ref);
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        Collator collator = new Collator();
        Map<Integer, DomBatch> result = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<EventRef>> entry : byBatch.entrySet()) {
            List<EventRef> wanted = entry.getValue();
            if (wanted.size() > 8) {
                LoadedBatch loaded = dataset.load(entry.getKey(), Column.modelInputs(), threads);
                int[] starts = loaded.eventStarts();
                int events = loaded.eventCount();
                EventSource source = new EventSource(loaded.pulses(), Arrays.copyOf(starts, events),
                        Arrays.copyOfRange(starts, 1, events + 1));
                for (EventRef ref : wanted) {
                    result.put(ref.row(), collator.domGrouped(source, new int[] {ref.index()}));
                }
            } else {
                for (EventRef ref : wanted) {
                    EventSlice slice = dataset.events(ref.batchId(), ref.index(), ref.index() + 1,
                            Column.modelInputs(), threads);
                    EventSource source = new EventSource(slice.pulses(), new int[] {slice.start(0)},
                            new int[] {slice.end(0)});
                    result.put(ref.row(), collator.domGrouped(source, new int[] {0}));
                }
            }
        }
        return result;
    }
}
