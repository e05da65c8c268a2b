package io.icebench.plugins.io;

import io.icebench.plugins.support.MarkdownReport;

/**
 * One experiment of the I/O study, such as the warm and raw reads or the thread sweep: what it measures, the plot
 * it draws and the section of {@code io-report.md} that explains it, side by side. The study runs the experiments in
 * turn on one {@link StudyRun}, which holds what they share (the files, the timer, the figures so far).
 */
interface Experiment {

    /** The step's name in the log, in {@code steps_done} and in {@code step_seconds.<name>}. */
    String name();

    /** Why this experiment does not run in this study, such as a parameter that turns it off; empty when it runs. */
    default String disabledBecause(StudyRun run) {
        return "";
    }

    /** Timed reads this experiment makes per repetition: its share of the study's progress total. */
    long timedReadsPerRepetition(StudyRun run);

    /** Measures; returns early when {@link StudyRun#cancelledNow()} says the runner cancelled. */
    void run(StudyRun run) throws Exception;

    /** After every experiment ran: tables and properties that need other experiments' figures. */
    default void finish(StudyRun run) {
    }

    /** Draws this experiment's PNGs through {@link StudyRun#plot}. */
    default void plot(StudyRun run) {
    }

    /** This experiment's section of the report. */
    default void report(StudyRun run, MarkdownReport md) {
    }
}
