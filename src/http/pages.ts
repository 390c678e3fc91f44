import { escapeHtml, pageHead } from "./html.js";

/** HTML shells: no inline scripts (the pages' CSP forbids them); the bundles do the rest. */

export interface PageAbout {
  readonly title: string;
  readonly author: string | null;
  readonly published: string | null;
}

const HEAD = (title: string): string => pageHead(title, "zh-CN");

/** GET /: the full-page chat, mounted by /assets/app.js. */
export function chatPage(about: PageAbout): string {
  return `${HEAD(`江津党代会报告问答 · ${about.title}`)}
<meta name="description" content="${escapeHtml(`就《${about.title}》提问，每个回答都注明出自报告的原句。`)}">
</head>
<body>
<main id="jiangjin-qa-app" data-api=""></main>
<noscript>本页需要启用 JavaScript。也可直接调用 POST /api/ask。</noscript>
<script src="/assets/app.js" type="module"></script>
</body>
</html>
`;
}

/**
 * GET /demo: a mock portal article with the widget embedded the way a third-party site would.
 * The script is addressed relative to the page, never from the Host header (which any client
 * can set, and a cache could then serve to others); without data-api the widget calls the
 * server that served the script.
 */
export function demoPage(): string {
  return `${HEAD("江津新闻网 · 党代会报告解读（示例页面）")}
<link rel="stylesheet" href="/assets/demo.css">
</head>
<body>
<header class="portal-header"><strong>江津新闻网</strong><nav><a href="#">首页</a><a href="#">时政</a><a href="#">民生</a></nav></header>
<article class="portal-article">
<h1>一图读懂：江津区第十五次党代会报告</h1>
<p class="portal-meta">示例页面 · 用于演示在第三方网站嵌入问答小部件</p>
<p>中国共产党重庆市江津区第十五次代表大会报告提出，高质量建设同城化发展先行区，全面开启江津社会主义现代化建设新征程。</p>
<p>对报告有疑问？点击右下角的“问报告”按钮，用中文提问，每个回答都附有报告原文出处。</p>
</article>
<script src="/widget.js" data-title="江津党代会报告问答" async></script>
</body>
</html>
`;
}

/** Styles of the mock portal (a stylesheet, so the page needs no inline styles either). */
export const DEMO_STYLESHEET = `body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#222;background:#f4f4f4}
.portal-header{display:flex;gap:2rem;align-items:center;padding:1rem 1.5rem;background:#8c1c13;color:#fff}
.portal-header nav{display:flex;gap:1rem}.portal-header a{color:#fff;text-decoration:none}
.portal-article{max-width:42rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;line-height:1.8}
.portal-meta{color:#666;font-size:.9rem}
@media (max-width:480px){.portal-article{margin:0;padding:1rem}.portal-header{gap:1rem}}
`;
