package io.icebench.plugins.support;

import io.icebench.spi.Table;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void escapeNeutralisesMarkupAmpersandsAndQuotes() {
        assertThat(Html.escape("<script>alert('x')</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(Html.escape("a & b \"c\" &amp;")).isEqualTo("a &amp; b &quot;c&quot; &amp;amp;");
        assertThat(Html.escape("\" onerror=\"alert(1)")).isEqualTo("&quot; onerror=&quot;alert(1)");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("plain 1.5 µs")).isEqualTo("plain 1.5 µs");
    }

    @Test
    void relativeUrlsCannotLeaveTheAttributeOrBecomeAScheme() {
        assertThat(Html.relativeUrl("plugins/a/notes (draft).md")).isEqualTo("plugins/a/notes%20%28draft%29.md");
        assertThat(Html.relativeUrl("javascript:alert(1)")).isEqualTo("javascript%3Aalert%281%29");
        assertThat(Html.relativeUrl("//evil.example/x\"y")).isEqualTo("evil.example/x%22y");
        assertThat(Html.relativeUrl("plugins/ä.png")).isEqualTo("plugins/%C3%A4.png");
    }

    @Test
    void aPluginTableIsEscapedCellByCellWithItsNumberColumnsRightAligned() {
        Table table = Table.builder("t", "<name>", "value").row("a\nb & c", 0.123456).row(null, 7L).build();

        assertThat(Html.table(table, "data")).isEqualTo("""
                <div class="scroll"><table class="data">
                <thead><tr><th>&lt;name&gt;</th><th class="num">value</th></tr></thead>
                <tbody>
                <tr><td>a<br>b &amp; c</td><td class="num">0.1235</td></tr>
                <tr><td></td><td class="num">7</td></tr>
                </tbody>
                </table></div>
                """);
    }
}
