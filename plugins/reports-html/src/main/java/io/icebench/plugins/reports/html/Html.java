package io.icebench.plugins.reports.html;

/** HTML text helpers: everything that came from a plugin, the configuration or the machine passes through here. */
final class Html {

    private Html() {
    }

    /** Escapes text for element content and for quoted attribute values: {@code & < > " '}. Null becomes empty. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A relative path as a URL for {@code href}/{@code src}: each byte outside the unreserved set (and '/') is
     * percent-encoded, so a file name can neither leave the attribute nor become a scheme ({@code javascript:}).
     */
    static String relativeUrl(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        String url = out.toString();
        // never absolute: a leading '/' (or '//') would leave the run folder
        while (url.startsWith("/")) {
            url = url.substring(1);
        }
        return url;
    }
}
