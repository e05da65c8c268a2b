package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;

import java.util.ArrayList;
import java.util.List;

/** A set of events packed together: one DomBatch of all their DOMs. */
record Case(String name, List<EventSelection.EventRef> events, DomBatch batch) {

    static Case of(String name, List<Integer> rows, EventSelection selection) {
        List<EventSelection.EventRef> events = new ArrayList<>();
        List<DomBatch> parts = new ArrayList<>();
        for (int row : rows) {
            events.add(selection.ref(row));
            parts.add(selection.batch(row));
        }
        return new Case(name, List.copyOf(events), DomBatches.concat(parts));
    }
}
