/// The one stylesheet: calm colours, system and Noto CJK fonts, readable on a phone, visible
/// keyboard focus, contrast at least 4.5:1 for text. Served from /assets/app.css; no CDN.
public enum Stylesheet {
    public static let css = """
    :root{--ink:#1f2a37;--muted:#5b6675;--line:#d9dee5;--bg:#f6f7f9;--card:#fff;--brand:#1d5fa8;--brand-ink:#fff;--ok:#1e7a46;--warn:#a15c00;--bad:#b42318;--focus:#f5b400}
    *{box-sizing:border-box}
    html{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg);line-height:1.55}
    body{margin:0;min-height:100vh;display:flex;flex-direction:column}
    a{color:var(--brand)}
    a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
    .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px 10px;z-index:9}
    header.top{display:flex;flex-wrap:wrap;align-items:center;gap:12px 24px;padding:10px 24px;background:#fff;border-bottom:1px solid var(--line)}
    .brand{display:flex;align-items:center;gap:8px;font-weight:700;font-size:1.1rem;color:var(--ink);text-decoration:none}
    .mark{display:inline-grid;place-items:center;width:30px;height:30px;border-radius:8px;background:var(--brand);color:var(--brand-ink);font-size:.95rem}
    header nav{display:flex;gap:4px;flex-wrap:wrap;flex:1}
    header nav a{padding:6px 12px;border-radius:6px;text-decoration:none;color:var(--ink)}
    header nav a[aria-current]{background:#e8f0fa;color:var(--brand);font-weight:600}
    .account{display:flex;align-items:center;gap:12px;color:var(--muted);font-size:.9rem}
    form.inline{display:inline}form.inline input{width:auto;min-width:10em;display:inline-block}
    label.check{display:inline-flex;align-items:center;gap:.35em;margin:.35em .6em .35em 0}label.check input,form.inline label.check input{width:auto;min-width:0;margin:0}
    .sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
    .grid-form{display:grid;grid-template-columns:repeat(auto-fit,minmax(12em,1fr));gap:8px 16px;align-items:end}
    button.link{background:none;border:0;color:var(--brand);cursor:pointer;font:inherit;padding:0;text-decoration:underline}
    main{flex:1;width:100%;max-width:1200px;margin:0 auto;padding:24px}
    footer{padding:16px 24px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);background:#fff}
    h1{font-size:1.5rem;margin:0 0 16px}h2{font-size:1.15rem;margin:24px 0 12px}
    .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}
    a.card{text-decoration:none;color:inherit}a.card:hover{border-color:var(--brand)}
    table.nowrap td,table.nowrap th{white-space:nowrap}
    .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
    .card .n{font-size:1.7rem;font-weight:700}.card .l{color:var(--muted);font-size:.9rem}
    .panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin-bottom:16px}
    table{width:100%;border-collapse:collapse;background:var(--card)}
    th,td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top}
    th{font-weight:600;color:var(--muted);font-size:.85rem;background:#fafbfc}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:10px}
    .tag{display:inline-block;padding:1px 8px;margin:1px 2px;border-radius:999px;background:#e8f0fa;color:#174b85;font-size:.8rem;white-space:nowrap}
    .tag.expired{background:#f1f2f4;color:var(--muted)}.tag.expiring{background:#fff4e0;color:var(--warn)}.tag.revoked{background:#fdecea;color:var(--bad)}.tag.ok{background:#e6f4ea;color:#1e6b34}
    details.qual{border-top:1px solid var(--line);padding:8px 0}details.qual summary{cursor:pointer;padding:4px 0}
    .basis{color:var(--muted);font-size:.8rem}.big{font-size:1.6rem}
    .chart text{font-size:12px;fill:#56606e}.chart .line{fill:none;stroke:#2f6fb3;stroke-width:2.5}.chart .dot{fill:#2f6fb3}
    .chart .axis{stroke:#d5dae1}.chart .bar{fill:#5a8fd0}.chart .bar.behind{fill:#d9822b}.chart .target{stroke:#1d2430;stroke-width:2}
    .chart .arc-bg{fill:none;stroke:#e6e9ee;stroke-width:18}.chart .arc{fill:none;stroke:#2f6fb3;stroke-width:18}.chart .big{font-size:26px;fill:#1d2430;font-weight:600}
    figure.chart{margin:0}figure.chart figcaption{font-weight:600;margin:4px 0 6px}.chart .grid{stroke:#eef0f3}.chart .unit{font-size:11px}
    .legend{display:flex;flex-wrap:wrap;gap:14px;font-size:.85rem;color:var(--muted);margin:6px 0 0}.legend i{display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:middle;border-radius:2px}
    .legend .key-bar{background:#5a8fd0}.legend .key-behind{background:#d9822b}.legend .key-target{width:3px;height:14px;background:#1d2430;border-radius:0}
    .chart .level{stroke:#c0392b;stroke-width:2;stroke-dasharray:6 4}.legend .key-line{height:3px;background:#2f6fb5}.legend .key-level{height:0;border-top:2px dashed #c0392b;border-radius:0}
    .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px;margin-bottom:16px}
    @media print{header,nav,.filters,.no-print{display:none}body{background:#fff}.panel{border:none}}
    .funnel text{font-size:13px}.funnel .step{fill:#2f6fb3}.funnel .step.pool{fill:#5a8fd0}.funnel .n{fill:#fff;font-weight:600}
    .filters{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;margin-bottom:12px}
    .filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:2px}
    input,select,textarea{font:inherit;padding:7px 9px;border:1px solid #b8c0cc;border-radius:6px;background:#fff;color:var(--ink);min-width:0}
    .field textarea{width:100%;max-width:460px}
    button,.button{font:inherit;padding:7px 16px;border-radius:6px;border:1px solid var(--brand);background:var(--brand);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
    .button.secondary,button.secondary{background:#fff;color:var(--brand)}
    .field{display:flex;flex-direction:column;gap:4px;margin-bottom:14px;max-width:460px}
    .field label{font-weight:600}.field small{color:var(--muted)}
    .req{color:var(--bad)}.error{color:var(--bad);margin:0;font-size:.9rem}
    .has-error input{border-color:var(--bad)}
    .notice{background:#eaf6ee;border:1px solid #b7dfc4;padding:10px 14px;border-radius:8px}
    .panel.warn{border-left:4px solid var(--warn);background:#fffaf0}
    .problems{background:#fdecea;border:1px solid #f4c7c3;padding:10px 14px;border-radius:8px}
    .pager{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:12px 0;color:var(--muted)}.pager strong{color:var(--ink)}
    .tabs{display:flex;flex-wrap:wrap;gap:6px 18px;margin:10px 0 14px;border-bottom:1px solid var(--line);padding-bottom:8px}.tabs strong{color:var(--brand)}
    a.sort{color:inherit;text-decoration:none}a.sort:hover,a.sort.active{text-decoration:underline}.button.disabled{opacity:.5;cursor:not-allowed}
    .muted{color:var(--muted)}
    .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
    .login{max-width:380px;margin:8vh auto;background:#fff;border:1px solid var(--line);border-radius:12px;padding:28px}
    .bar{fill:var(--brand)}.bar-label{font-size:12px;fill:var(--ink)}
    @media (max-width:640px){main{padding:14px}header.top{padding:10px 14px}th,td{padding:6px}.hide-sm{display:none}
      .table-wrap th,.table-wrap td{white-space:nowrap}.table-wrap td.basis{white-space:normal;min-width:16em}
      .table-wrap th:first-child,.table-wrap td:first-child{position:sticky;left:0;z-index:1;background:var(--card);box-shadow:1px 0 0 var(--line);white-space:normal;min-width:8em;max-width:12em}
      .filters label{flex:1 1 140px}.filters input,.filters select{width:100%}}
    .menu-toggle{position:absolute;opacity:0;width:1px;height:1px}.menu-button{display:none}
    @media (max-width:640px){.menu-button{display:inline-block;margin-left:auto;padding:6px 12px;border:1px solid var(--line);border-radius:6px;cursor:pointer;background:#fff}
    header nav{display:none;flex-basis:100%}.menu-toggle:checked~nav{display:flex}.menu-toggle:focus-visible+.menu-button{outline:3px solid var(--focus)}
    .account{flex-basis:100%;justify-content:flex-end}}
    """
}
