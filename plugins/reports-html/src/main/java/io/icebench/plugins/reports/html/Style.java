package io.icebench.plugins.reports.html;

/** The page's stylesheet, inline: the page fetches nothing. */
final class Style {

    private Style() {
    }

    static final String CSS = """
            :root{--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--amber:#9a6700;--amber-bg:#fff8c5;
            --error:#8b1a1a;--error-bg:#ffd8d3;--none:#57606a;--none-bg:#eaeef2;--line:#d0d7de;--zebra:#f6f8fa}
            *{box-sizing:border-box}
            body{margin:0;background:#fff;color:#1f2328;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
            "Helvetica Neue",Arial,sans-serif}
            main{max-width:1180px;margin:0 auto;padding:20px}
            h1{font-size:20px;margin:0}
            h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
            h3{font-size:15px;margin:20px 0 6px}
            h2 code{font-size:inherit}
            h4{font-size:13px;margin:8px 0 4px;color:var(--none)}
            small{color:var(--none);font-weight:normal}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            a{color:#0969da}
            .verdict{display:flex;align-items:center;gap:18px;padding:14px 18px;border-radius:8px;border:1px solid}
            .verdict .word{font-size:26px;font-weight:700;letter-spacing:.04em}
            .verdict p{margin:4px 0 0}
            .verdict.pass{background:var(--pass-bg);border-color:var(--pass);color:var(--pass)}
            .verdict.fail{background:var(--fail-bg);border-color:var(--fail);color:var(--fail)}
            .verdict.error{background:var(--error-bg);border-color:var(--error);color:var(--error)}
            .verdict.none{background:var(--none-bg);border-color:var(--none);color:var(--none)}
            .verdict .what{color:#1f2328}
            .counts{list-style:none;display:flex;flex-wrap:wrap;gap:10px;padding:0;margin:12px 0}
            .counts li{padding:6px 12px;border-radius:6px;border:1px solid var(--line);background:var(--zebra)}
            .counts li b{font-size:16px}
            .counts .pass{color:var(--pass);border-color:var(--pass)}
            .counts .fail{color:var(--fail);border-color:var(--fail);background:var(--fail-bg)}
            .counts .inconclusive{color:var(--amber);border-color:var(--amber);background:var(--amber-bg)}
            .counts .error{color:var(--error);border-color:var(--error);background:var(--error-bg)}
            .counts .zero{color:var(--none)}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;
            vertical-align:middle;white-space:nowrap}
            .badge.pass{background:var(--pass-bg);color:var(--pass)}
            .badge.fail{background:var(--fail-bg);color:var(--fail)}
            .badge.error{background:var(--error-bg);color:var(--error)}
            .badge.inconclusive{background:var(--amber-bg);color:var(--amber)}
            .badge.none{background:var(--none-bg);color:var(--none)}
            .badge.unchanged{background:var(--none-bg);color:#1f2328}
            .warning{padding:8px 12px;background:var(--amber-bg);border-left:4px solid var(--amber)}
            .failure{padding:8px 12px;background:var(--error-bg);border-left:4px solid var(--error)}
            .note{color:var(--none);font-style:italic}
            .interval{white-space:nowrap}
            .message{font-size:12px;color:var(--none);margin-top:2px;overflow-wrap:anywhere}
            .description{margin:4px 0}
            .meta{margin:4px 0;color:var(--none)}
            .scroll{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eaeef2;font-weight:600}
            tbody tr:nth-child(even){background:var(--zebra)}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            table.thresholds td:first-child,table.thresholds td:nth-child(3),table.thresholds td:nth-child(5){white-space:nowrap}
            table.thresholds td:nth-child(4){min-width:8em}
            table.thresholds td:nth-child(6){min-width:180px}
            table.thresholds td:nth-child(7){min-width:200px;max-width:360px}
            table.metrics td:first-child{min-width:12em}
            table.comparison td:nth-child(-n+2){white-space:nowrap}
            table.comparison td:last-child{min-width:150px}
            table.comparison tr.regressed td{background:var(--fail-bg)}
            table.comparison tr.improved td{background:var(--pass-bg)}
            .explain{font-size:12px;color:var(--none);max-width:900px;margin:0 0 10px}
            ul.differences{margin:4px 0 0}
            .metric-description{color:#555;font-size:.85em;margin-top:.2em}
            table.kv td:first-child{white-space:nowrap}
            table.kv td:last-child{word-break:break-word}
            .pair{display:flex;flex-wrap:wrap;gap:0 28px}
            .pair>div{min-width:300px;max-width:100%}
            .charts{display:flex;flex-wrap:wrap;gap:12px}
            figure{margin:0}
            figure img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
            figcaption{font-size:12px;color:var(--none)}
            .plugin{margin-top:28px}
            ul.files{margin:4px 0}
            footer{margin-top:36px;color:var(--none);font-size:12px}
            """;
}
