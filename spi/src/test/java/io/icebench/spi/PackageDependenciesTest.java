package io.icebench.spi;

import io.icebench.spi.report.Summary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPI's packages form no cycle: {@code io.icebench.spi.report} (statistics and verdicts) is a leaf that the rest
 * of the SPI builds on, so it can be read, and changed, without the plugin contract. Checked on the compiled
 * classes, whose constant pools name every class they use, javadoc links aside.
 */
class PackageDependenciesTest {

    private static final Pattern SPI_CLASS = Pattern.compile("io/icebench/spi/([A-Za-z0-9_$/]+)");

    @Test
    void theReportPackageUsesNoOtherPartOfTheSpi() throws Exception {
        Path folder = Path.of(Summary.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/icebench/spi/report");
        List<Path> classes;
        try (Stream<Path> files = Files.list(folder)) {
            classes = files.filter(file -> file.toString().endsWith(".class")).sorted().toList();
        }
        Set<String> outside = new TreeSet<>();
        for (Path file : classes) {
            Matcher used = SPI_CLASS.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            while (used.find()) {
                if (!used.group(1).startsWith("report/")) {
                    outside.add(file.getFileName() + " uses io.icebench.spi." + used.group(1).replace('/', '.'));
                }
            }
        }

        assertThat(classes).extracting(file -> file.getFileName().toString())
                .contains("Summary.class", "ThresholdVerdict.class", "Comparison.class");
        assertThat(outside).isEmpty();
    }
}
