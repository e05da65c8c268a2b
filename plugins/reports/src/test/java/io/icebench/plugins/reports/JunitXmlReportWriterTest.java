package io.icebench.plugins.reports;

import io.icebench.spi.report.InconclusivePolicy;
import io.icebench.spi.PluginKind;
import io.icebench.spi.report.Bound;
import io.icebench.spi.report.Interval;
import io.icebench.spi.report.Outcome;
import io.icebench.spi.PluginReport;
import io.icebench.spi.RunReport;
import io.icebench.spi.report.RunStatus;
import io.icebench.spi.report.ThresholdVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

class JunitXmlReportWriterTest {

    @ParameterizedTest(name = "under {0}")
    @MethodSource("io.icebench.plugins.reports.Golden#settings")
    void junitXmlMatchesTheGoldenFile(Golden.Setting setting) throws Exception {
        Golden.assertMatches(new JunitXmlReportWriter(), "junit.xml", setting);
    }

    @Test
    void junitXmlParsesWithTheExpectedFailureAndErrorCounts() throws Exception {
        Document xml = parse(Golden.render(new JunitXmlReportWriter(), ReportFixture.run(), "junit.xml"));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("8");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        assertThat(root.getAttribute("errors")).isEqualTo("2");
        assertThat(root.getAttribute("time")).isEqualTo("241.875");
        assertThat(xml.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(8);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(2);
        assertThat(xml.getElementsByTagName("error").getLength()).isEqualTo(2);

        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("threshold");
        assertThat(failure.getTextContent()).contains("31.33 ms", "<= 25 ms", ReportFixture.AWKWARD_RATIONALE);
        Element failedCase = (Element) failure.getParentNode();
        assertThat(failedCase.getAttribute("name")).isEqualTo("p99(batch_latency) <= 25 ms");
        assertThat(failedCase.getAttribute("classname")).isEqualTo("icebench.ingest-throughput");
        Element regression = (Element) xml.getElementsByTagName("failure").item(1);
        assertThat(regression.getAttribute("type")).isEqualTo("regression");
        assertThat(regression.getTextContent()).contains("REGRESSED", "at most 2% worse than baseline run");

        NodeList errors = xml.getElementsByTagName("error");
        assertThat(((Element) errors.item(0)).getAttribute("type")).isEqualTo("TIMEOUT");
        assertThat(((Element) errors.item(0)).getAttribute("message")).isEqualTo("did not finish within 2m; cancelled");
        assertThat(((Element) errors.item(1)).getAttribute("type")).isEqualTo("not-judged");
    }

    @Test
    void suitesCountTheirOwnTestsAndCarryTheParametersAsProperties() throws Exception {
        Document xml = parse(Golden.render(new JunitXmlReportWriter(), ReportFixture.run(), "junit.xml"));

        Element gate = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(gate.getAttribute("name")).isEqualTo("icebench.ingest-throughput");
        assertThat(gate.getAttribute("tests")).isEqualTo("5");
        assertThat(gate.getAttribute("failures")).isEqualTo("2");
        assertThat(gate.getAttribute("errors")).isEqualTo("0");
        assertThat(gate.getAttribute("time")).isEqualTo("41.500");
        Element property = (Element) gate.getElementsByTagName("property").item(0);
        assertThat(property.getAttribute("name")).isEqualTo("batch-size");
        assertThat(property.getAttribute("value")).isEqualTo("4096");
    }

    @Test
    void anInconclusiveThresholdUnderWarnIsAPassedCaseWithAWarningOnSystemOut() throws Exception {
        Document xml = parse(Golden.render(new JunitXmlReportWriter(), ReportFixture.run(), "junit.xml"));

        Element out = (Element) xml.getElementsByTagName("system-out").item(0);
        Element testCase = (Element) out.getParentNode();
        assertThat(testCase.getAttribute("name")).isEqualTo("median(batch_latency) <= 20.5 ms");
        assertThat(testCase.getElementsByTagName("failure").getLength()).isZero();
        assertThat(out.getTextContent()).startsWith("WARNING: inconclusive, passed under 'inconclusive: warn'")
                .contains("median(batch_latency) = 20 [18.5, 31.75] ms (95% confidence interval, too few samples");
    }

    @Test
    void anInconclusiveThresholdUnderFailIsAFailureOfTypeInconclusive() throws Exception {
        ThresholdVerdict verdict = new ThresholdVerdict("latency", "median", Bound.MAX, 20, "ms", "because",
                OptionalDouble.of(19), Outcome.INCONCLUSIVE, "straddles", Optional.of(new Interval(18, 21, 0.95,
                false)), InconclusivePolicy.FAIL, Optional.empty());
        PluginReport plugin = new PluginReport("gate", PluginKind.REGRESSION_GATE, "", "", RunStatus.COMPLETED,
                Optional.empty(), Duration.ZERO, Map.of(), List.of(), List.of(), List.of(), Map.of(),
                List.of(verdict), List.of());
        RunReport run = ReportFixture.run();
        RunReport report = new RunReport("r", "regression", run.startedAt(), run.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(plugin), List.of(), 1, Optional.empty());

        Document xml = parse(Golden.render(new JunitXmlReportWriter(), report, "junit.xml"));

        assertThat(report.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("inconclusive");
        assertThat(failure.getTextContent()).contains("median(latency) = 19 [18, 21] ms (95% confidence interval)");
    }

    @Test
    void textXmlCannotHoldIsReplacedRatherThanBreakingTheFile() throws Exception {
        ThresholdVerdict verdict = new ThresholdVerdict("latency", "p99", Bound.MAX, 1, "ms",
                "bell \u0007 and a lone \uD800 surrogate", OptionalDouble.of(2), Outcome.FAIL,
                "two\nlines \u0000", Optional.empty(), InconclusivePolicy.WARN, Optional.empty());
        PluginReport plugin = new PluginReport("odd", PluginKind.REGRESSION_GATE, "", "", RunStatus.COMPLETED,
                Optional.empty(), Duration.ofNanos(1_500_000), Map.of("path", "a\tb"), List.of(), List.of(),
                List.of(), Map.of(), List.of(verdict), List.of());
        RunReport run = ReportFixture.run();
        RunReport report = new RunReport("r", "regression", run.startedAt(), run.finishedAt(), "dev", Map.of(),
                Map.of(), List.of(plugin), List.of(), 1, Optional.empty());

        Document xml = parse(Golden.render(new JunitXmlReportWriter(), report, "junit.xml"));

        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("two lines \uFFFD");
        assertThat(failure.getTextContent()).contains("bell \uFFFD and a lone \uFFFD surrogate");
        assertThat(((Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("time"))
                .isEqualTo("0.002");
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
