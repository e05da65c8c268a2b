package io.icebench.plugins.reports.html;

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
}
