/** Styles of the API reference (a stylesheet from this server, so the page needs nothing from anywhere else). */
export const DOCS_STYLESHEET = `*{box-sizing:border-box}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d1d1f;background:#fafafa;display:grid;grid-template-columns:17rem 1fr;grid-template-areas:"header header" "nav main"}
header{grid-area:header;padding:1.25rem 2rem;background:#8c1c13;color:#fff}header a{color:#fff}header code{background:rgba(255,255,255,.15)}
h1{margin:0 0 .25rem;font-size:1.5rem}h1 small{font-weight:400;font-size:.9rem;opacity:.85}
nav{grid-area:nav;padding:1rem;border-right:1px solid #e2e2e2;position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;font-size:.85rem}
nav ul{list-style:none;margin:0;padding:0}nav li li a{display:block;padding:.1rem 0 .1rem .5rem;color:#333;text-decoration:none}nav>ul>li>a{font-weight:600;color:#8c1c13;display:block;margin-top:.75rem}
main{grid-area:main;padding:1rem 2rem 4rem;min-width:0}
h2{border-bottom:2px solid #8c1c13;padding-bottom:.25rem;margin-top:2.5rem}
.operation{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:.5rem 1.25rem 1rem;margin:1.25rem 0}
.operation h3{font-size:1.05rem}.summary{font-weight:600}
.method{display:inline-block;min-width:3.2rem;text-align:center;border-radius:4px;padding:0 .4rem;font:600 .75rem/1.6 ui-monospace,monospace;color:#fff}
.method-get{background:#0b5cad}.method-post{background:#1f7a3a}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}code{background:#f0f0f0;padding:0 .25rem;border-radius:3px}
pre{background:#f6f6f6;border:1px solid #e6e6e6;padding:.75rem;overflow:auto;max-height:28rem;border-radius:4px}
table{border-collapse:collapse;width:100%;margin:.25rem 0 .75rem}td,th{border:1px solid #e6e6e6;padding:.35rem .5rem;text-align:left;vertical-align:top}
.status{font:600 .9rem ui-monospace,monospace;width:4rem}.status-2,.status-3{color:#1f7a3a}.status-4{color:#9a5b00}.status-5{color:#b0262d}
.required{color:#b0262d;font-size:.75rem}.media{margin:.35rem 0}.headers,.events{margin:.25rem 0;padding-left:1.25rem}
details summary{cursor:pointer;color:#0b5cad}.schema h3{font:600 1rem ui-monospace,monospace;margin:1.25rem 0 .25rem}
@media (max-width:800px){body{display:block}nav{position:static;max-height:none;border-right:0;border-bottom:1px solid #e2e2e2}main{padding:1rem}}
`;
