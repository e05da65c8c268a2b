package io.icebench.plugins.reports;

import io.icebench.spi.ReportOutput;
import io.icebench.spi.ReportWriter;
import io.icebench.spi.report.Numbers;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.ThresholdVerdict;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code junit.xml} in the Ant/Surefire JUnit format CI servers read: one {@code <testsuite>} per plugin,
 * named {@code icebench.<plugin-id>}, holding a {@code runs to completion} test case, which errs when the plugin did
 * not complete, and one test case per threshold, which fails (type {@code threshold}) or errs (type
 * {@code not-judged}) with its verdict. Times are in seconds with three decimals.
 */
public final class JunitXmlReportWriter implements ReportWriter {

    public static final String ID = "junit-xml";
    public static final String FILE_NAME = "junit.xml";
    /** The name of the test case that stands for the plugin's run itself. */
    public static final String RUN_TEST_CASE = "runs to completion";

    private static final String INDENT = "  ";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "junit.xml: one test suite per plugin, one test case per threshold, for CI test reports";
    }

    @Override
    public void write(RunReport report, ReportOutput output) throws IOException {
        output.write(FILE_NAME, out -> render(report, out));
    }

    /** Writes the document to {@code out}, which is flushed but not closed. */
    static void render(RunReport report, OutputStream out) throws IOException {
        try {
            // The JDK's own implementation, whatever StAX provider is on the class path: the bytes must not vary.
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            Counts total = new Counts();
            for (PluginReport plugin : report.plugins()) {
                total.add(Counts.of(plugin));
            }
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "icebench");
            total.writeTo(xml);
            xml.writeAttribute("time", Formats.secondsWithMillis(Formats.runDuration(report)));
            for (PluginReport plugin : report.plugins()) {
                suite(xml, plugin);
            }
            newLine(xml, 0);
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + FILE_NAME + ": " + e.getMessage(), e);
        }
        out.flush();
    }

    private static void suite(XMLStreamWriter xml, PluginReport plugin) throws XMLStreamException {
        String name = "icebench." + plugin.id();
        newLine(xml, 1);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", attribute(name));
        Counts.of(plugin).writeTo(xml);
        xml.writeAttribute("time", Formats.secondsWithMillis(plugin.duration()));
        properties(xml, plugin.parameters());
        newLine(xml, 2);
        runCase(xml, plugin, name);
        for (ThresholdVerdict verdict : plugin.verdicts()) {
            newLine(xml, 2);
            thresholdCase(xml, verdict, name);
        }
        newLine(xml, 1);
        xml.writeEndElement();
    }

    private static void properties(XMLStreamWriter xml, Map<String, String> parameters) throws XMLStreamException {
        if (parameters.isEmpty()) {
            return;
        }
        newLine(xml, 2);
        xml.writeStartElement("properties");
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            newLine(xml, 3);
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", attribute(parameter.getKey()));
            xml.writeAttribute("value", attribute(parameter.getValue()));
        }
        newLine(xml, 2);
        xml.writeEndElement();
    }

    /** The plugin's run as a test case: an error when it did not complete. */
    private static void runCase(XMLStreamWriter xml, PluginReport plugin, String name) throws XMLStreamException {
        if (!plugin.status().failed()) {
            startTestCase(xml, RUN_TEST_CASE, name, plugin.duration(), true);
            return;
        }
        String failure = plugin.failure().orElse("the plugin ended with status " + plugin.status().name());
        startTestCase(xml, RUN_TEST_CASE, name, plugin.duration(), false);
        newLine(xml, 3);
        xml.writeStartElement("error");
        xml.writeAttribute("message", attribute(failure));
        xml.writeAttribute("type", plugin.status().name());
        xml.writeCharacters(text(failure));
        xml.writeEndElement();
        newLine(xml, 2);
        xml.writeEndElement();
    }

    /** One threshold as a test case: failure, error, skipped (unreliable), a warning, or a pass. */
    private static void thresholdCase(XMLStreamWriter xml, ThresholdVerdict verdict, String name)
            throws XMLStreamException {
        String element = switch (verdict.effectiveOutcome()) {
            case FAIL -> "failure";
            case ERROR -> "error";
            // a wall-clock figure outside its bound on a busy machine: says nothing about the code
            case UNRELIABLE -> "skipped";
            default -> null;
        };
        // A threshold takes no time of its own: the plugin's run is timed by the case above.
        startTestCase(xml, verdict.describe(), name, Duration.ZERO, element == null && !verdict.warning());
        if (verdict.warning()) {
            // INCONCLUSIVE under 'inconclusive: warn': a passed test case that says why it is only a warning.
            newLine(xml, 3);
            xml.writeStartElement("system-out");
            xml.writeCharacters(text("WARNING: inconclusive, passed under 'inconclusive: warn'\n"
                    + explain(verdict)));
            xml.writeEndElement();
            newLine(xml, 2);
            xml.writeEndElement();
        } else if (element != null) {
            newLine(xml, 3);
            xml.writeStartElement(element);
            xml.writeAttribute("message", attribute(verdict.message()));
            if (!element.equals("skipped")) {
                xml.writeAttribute("type", verdict.relative() && verdict.outcome() == Outcome.FAIL ? "regression"
                        : verdict.outcome() == Outcome.FAIL ? "threshold"
                        : verdict.outcome() == Outcome.INCONCLUSIVE ? "inconclusive" : "not-judged");
                xml.writeCharacters(text(explain(verdict)));
            }
            xml.writeEndElement();
            newLine(xml, 2);
            xml.writeEndElement();
        }
    }

    private static void startTestCase(XMLStreamWriter xml, String name, String className, Duration time,
                                      boolean empty) throws XMLStreamException {
        if (empty) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", attribute(name));
        xml.writeAttribute("classname", attribute(className));
        xml.writeAttribute("time", Formats.secondsWithMillis(time));
    }

    /** The body of a failure or error: what was measured against what, and why the limit is what it is. */
    static String explain(ThresholdVerdict verdict) {
        if (verdict.comparison().isPresent()) {
            var c = verdict.comparison().get();
            return "compared: " + verdict.message() + "\n"
                    + "limit: at most " + Numbers.format(c.maxRegressionPercent()) + "% worse than baseline run "
                    + c.baselineRunId() + "\n"
                    + "rationale: " + verdict.rationale();
        }
        String statistic = verdict.statistic() + "(" + verdict.metric() + ")";
        String measured = verdict.measured().isPresent()
                ? statistic + " = " + verdict.measuredText() + " " + verdict.unit()
                        + verdict.interval().map(i -> " (" + Numbers.format(i.level() * 100) + "% confidence interval"
                                + (i.tooFewSamples() ? ", too few samples for that level: min..max" : "") + ")")
                                .orElse("")
                : statistic + " could not be measured";
        return "measured: " + measured + "\n"
                + "limit: " + verdict.bound().operator() + " " + Numbers.format(verdict.limit()) + " "
                + verdict.unit() + "\n"
                + "rationale: " + verdict.rationale();
    }

    private static void newLine(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + INDENT.repeat(depth));
    }

    /** Line breaks would be normalised to spaces by any parser; make that visible and keep the file on one line. */
    private static String attribute(String value) {
        return text(value).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** Replaces what XML 1.0 cannot contain at all (most control characters, lone surrogates) with U+FFFD. */
    private static String text(String value) {
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            int width = Character.charCount(c);
            boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!legal && clean == null) {
                clean = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (clean != null) {
                if (legal) {
                    clean.appendCodePoint(c);
                } else {
                    clean.append('\uFFFD');
                }
            }
            i += width;
        }
        return clean == null ? value : clean.toString();
    }

    /** Test, failure, error and skipped (UNRELIABLE) counts of a suite, or of all of them. */
    private static final class Counts {
        private int tests;
        private int failures;
        private int errors;
        private int skipped;

        static Counts of(PluginReport plugin) {
            Counts counts = new Counts();
            counts.tests = 1 + plugin.verdicts().size();
            counts.errors = plugin.status().failed() ? 1 : 0;
            for (ThresholdVerdict verdict : plugin.verdicts()) {
                if (verdict.effectiveOutcome() == Outcome.FAIL) {
                    counts.failures++;
                } else if (verdict.effectiveOutcome() == Outcome.ERROR) {
                    counts.errors++;
                } else if (verdict.effectiveOutcome() == Outcome.UNRELIABLE) {
                    counts.skipped++;
                }
            }
            return counts;
        }

        void add(Counts other) {
            tests += other.tests;
            failures += other.failures;
            errors += other.errors;
            skipped += other.skipped;
        }

        void writeTo(XMLStreamWriter xml) throws XMLStreamException {
            xml.writeAttribute("tests", Integer.toString(tests));
            xml.writeAttribute("failures", Integer.toString(failures));
            xml.writeAttribute("errors", Integer.toString(errors));
            if (skipped > 0) {
                xml.writeAttribute("skipped", Integer.toString(skipped));
            }
        }
    }
}
