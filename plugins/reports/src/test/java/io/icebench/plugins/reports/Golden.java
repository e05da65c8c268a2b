package io.icebench.plugins.reports;

import io.icebench.spi.ReportWriter;
import io.icebench.spi.RunReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden-file comparison under default locales and time zones that would show up in the output if a writer used
 * them (German decimal commas, Arabic and Thai digits, odd offsets), as JMH's ResultFormatTest does.
 *
 * <p>To change a format on purpose, run the tests once with {@code -Dicebench.updateGolden=true}, which rewrites
 * {@code src/test/resources/golden/}, and review the diff.
 */
final class Golden {

    private Golden() {
    }

    /** A default locale and time zone to render under. */
    record Setting(Locale locale, TimeZone timeZone) {
        @Override
        public String toString() {
            return (locale.toLanguageTag().equals("und") ? "ROOT" : locale.toLanguageTag()) + ", " + timeZone.getID();
        }
    }

    static Stream<Setting> settings() {
        return Stream.of(
                new Setting(Locale.ROOT, TimeZone.getTimeZone("UTC")),
                new Setting(Locale.GERMANY, TimeZone.getTimeZone("Europe/Berlin")),
                new Setting(new Locale("ar", "SA"), TimeZone.getTimeZone("Asia/Riyadh")),
                new Setting(Locale.forLanguageTag("th-TH-u-nu-thai"), TimeZone.getTimeZone("Pacific/Chatham")));
    }

    /** Renders the fixture with {@code writer} under {@code setting} and compares its one file with the golden one. */
    static void assertMatches(ReportWriter writer, String fileName, Setting setting) throws IOException {
        byte[] actual = render(writer, ReportFixture.run(), fileName, setting);
        byte[] expected;
        if (Boolean.getBoolean("icebench.updateGolden")) {
            Path golden = Path.of("src/test/resources/golden", fileName);
            Files.createDirectories(golden.getParent());
            Files.write(golden, actual);
            expected = Files.readAllBytes(golden);
        } else {
            expected = read("/golden/" + fileName);
        }
        // Text first, for a readable diff; then the bytes, which is what is sealed.
        assertThat(new String(actual, StandardCharsets.UTF_8))
                .as("%s under %s", fileName, setting)
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
    }

    /** Runs {@code writer} under {@code setting} and returns the one file it must have written. */
    static byte[] render(ReportWriter writer, RunReport report, String fileName, Setting setting) throws IOException {
        Locale locale = Locale.getDefault();
        TimeZone timeZone = TimeZone.getDefault();
        try {
            Locale.setDefault(setting.locale());
            TimeZone.setDefault(setting.timeZone());
            ReportFixture.InMemoryOutput output = new ReportFixture.InMemoryOutput();
            writer.write(report, output);
            Map<String, byte[]> files = output.files();
            assertThat(files).containsOnlyKeys(fileName);
            return files.get(fileName);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(timeZone);
        }
    }

    static byte[] render(ReportWriter writer, RunReport report, String fileName) throws IOException {
        return render(writer, report, fileName, settings().findFirst().orElseThrow());
    }

    static byte[] read(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
