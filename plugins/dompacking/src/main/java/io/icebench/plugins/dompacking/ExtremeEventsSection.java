package io.icebench.plugins.dompacking;

import io.icebench.icecube.collate.DomBatch;
import io.icebench.plugins.support.MarkdownReport;
import io.icebench.spi.Table;

/** The extreme events themselves: pulses, DOMs and how many pulses pile onto one DOM. */
final class ExtremeEventsSection implements Section {

    private Table table;

    @Override
    public void measure(PackingStudy study) {
        EventSelection events = study.events;
        Table.Builder extreme = Table.builder(DomPackingPlugin.TABLE_EXTREME, "rank", "batch", "event_id", "pulses",
                "DOMs", "max pulses per DOM", "DOMs with > 1 pulse")
                .title("The " + events.topRows.size() + " events with the most pulses among " + events.scanned
                        + " scanned");
        for (int i = 0; i < events.topRows.size(); i++) {
            EventSelection.EventRef ref = events.ref(events.topRows.get(i));
            DomBatch batch = events.batch(ref.row());
            extreme.row(i + 1, ref.batchId(), ref.eventId(), ref.pulses(), batch.doms(),
                    DomBatches.maxPulsesPerDom(batch), multiPulseDoms(batch));
        }
        table = extreme.build();
        study.out.table(table);
    }

    private static int multiPulseDoms(DomBatch batch) {
        int count = 0;
        for (int d = 0; d < batch.doms(); d++) {
            if (batch.pulsesOfDom(d) > 1) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void report(PackingStudy study, MarkdownReport md) {
        md.heading(2, "Extreme events").table(table);
    }
}
