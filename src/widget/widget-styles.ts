// The chat panel's stylesheet, scoped by the shadow root. `:host { all: initial }` cuts every
// inherited property coming from the host page (font, colour, line-height, letter-spacing…),
// and only px units are used because rem follows the host page's root font size.
// Theme through custom properties on the host element: --jjqa-accent (AA on white),
// --jjqa-accent-soft, --jjqa-accent-strong, --jjqa-font.

export const WIDGET_CSS = `
:host {
  all: initial;
  --jjqa-accent-default: #b0262d;
  --jjqa-ink: #1f2328;
  --jjqa-muted: #57606a;
  --jjqa-line: #dfe3e8;
  --jjqa-surface: #ffffff;
  --jjqa-subtle: #f6f7f9;
  --jjqa-mark: #ffe58a;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.jjqa-root, .jjqa-panel {
  font-family: var(--jjqa-font, system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif);
  font-size: 15px;
  line-height: 1.7;
  color: var(--jjqa-ink);
  text-align: left;
  -webkit-font-smoothing: antialiased;
  /* Inherited properties a host page may force onto our host element with !important. */
  font-style: normal; font-weight: 400; letter-spacing: normal; word-spacing: normal; text-transform: none;
  text-indent: 0; text-shadow: none; white-space: normal; direction: ltr; visibility: visible; cursor: auto;
}
button, textarea { font: inherit; color: inherit; letter-spacing: normal; text-transform: none; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--jjqa-accent, var(--jjqa-accent-default)); outline-offset: 2px; }
.jjqa-sr-only {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.jjqa-icon path { fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }

/* ── panel ─────────────────────────────────────────────── */
.jjqa-panel { display: flex; flex-direction: column; background: var(--jjqa-surface); min-width: 0; }
.jjqa-panel-header {
  display: flex; align-items: center; gap: 10px; padding: 12px 10px 12px 16px;
  background: var(--jjqa-accent, var(--jjqa-accent-default)); color: #fff; flex: none;
}
.jjqa-panel-logo {
  flex: none; display: inline-flex; width: 30px; height: 30px; border-radius: 8px; align-items: center; justify-content: center;
  background: #fff; color: var(--jjqa-accent, var(--jjqa-accent-default)); font-size: 16px; font-weight: 700;
}
.jjqa-panel-title { margin: 0; font-size: 16px; font-weight: 600; line-height: 1.3; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.jjqa-panel-header .jjqa-icon-button { color: #fff; }
.jjqa-panel-header .jjqa-icon-button:hover { background: rgba(255,255,255,.16); }
.jjqa-panel-header :focus-visible { outline-color: #fff; }

.jjqa-messages { display: flex; flex-direction: column; gap: 14px; padding: 16px; min-width: 0; }
.jjqa-messages:focus { outline: none; }
.jjqa-panel-floating .jjqa-messages { flex: 1; overflow-y: auto; overscroll-behavior: contain; background: var(--jjqa-subtle); }
.jjqa-message { max-width: 100%; min-width: 0; overflow-wrap: anywhere; scroll-margin: 16px 0 150px; }

/* welcome and chips */
.jjqa-welcome-text { margin: 0 0 10px; color: var(--jjqa-muted); font-size: 14px; }
.jjqa-starters-heading, .jjqa-suggestions-heading { margin: 8px 0 8px; font-size: 13px; font-weight: 600; color: var(--jjqa-muted); }
.jjqa-chips { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.jjqa-chip {
  display: block; width: 100%; text-align: left; padding: 9px 14px; border-radius: 10px;
  border: 1px solid var(--jjqa-line); background: var(--jjqa-surface); color: var(--jjqa-ink);
  font-size: 14px; line-height: 1.5; transition: border-color .15s, background .15s;
}
.jjqa-chip:hover { border-color: var(--jjqa-accent, var(--jjqa-accent-default)); background: var(--jjqa-accent-soft, #fbeeee); }

/* question bubble */
.jjqa-question {
  align-self: flex-end; max-width: 85%; padding: 9px 14px; border-radius: 16px 16px 4px 16px;
  background: var(--jjqa-accent, var(--jjqa-accent-default)); color: #fff; white-space: pre-wrap;
}
/* pending */
.jjqa-pending { align-self: flex-start; display: inline-flex; align-items: center; gap: 10px; color: var(--jjqa-muted); font-size: 14px; padding: 6px 2px; }
.jjqa-dots { display: inline-flex; gap: 4px; }
.jjqa-dots span { width: 6px; height: 6px; border-radius: 50%; background: var(--jjqa-accent, var(--jjqa-accent-default)); animation: jjqa-blink 1.2s infinite ease-in-out both; }
.jjqa-dots span:nth-child(2) { animation-delay: .2s; }
.jjqa-dots span:nth-child(3) { animation-delay: .4s; }
@keyframes jjqa-blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .jjqa-dots span { animation: none; opacity: .7; } }
/* an answer streaming in (plain text until the verified answer replaces it), and one that was stopped */
.jjqa-draft { align-self: stretch; padding: 14px 17px 12px; border-left: 3px solid var(--jjqa-line); }
.jjqa-draft-text::after { content: ""; display: inline-block; width: 2px; height: 1em; margin-left: 2px; vertical-align: -2px; background: var(--jjqa-muted); animation: jjqa-blink 1.2s infinite; }
@media (prefers-reduced-motion: reduce) { .jjqa-draft-text::after { animation: none; } }
.jjqa-stopped { align-self: flex-start; margin: 0; color: var(--jjqa-muted); font-size: 13px; }

/* answer card */
.jjqa-answer {
  align-self: stretch; background: var(--jjqa-surface); border: 1px solid var(--jjqa-line);
  border-radius: 4px 16px 16px 16px; padding: 14px 16px 10px; box-shadow: 0 1px 2px rgba(31,35,40,.04);
}
.jjqa-answer-text { margin: 0; font-size: 15.5px; line-height: 1.8; }
.jjqa-nowrap { white-space: nowrap; }
.jjqa-sup { line-height: 0; vertical-align: super; font-size: 100%; }
.jjqa-marker {
  display: inline-flex; align-items: center; justify-content: center; min-width: 18px; height: 18px; padding: 0 4px;
  margin: 0 1px; border-radius: 9px; border: 1px solid transparent;
  background: var(--jjqa-accent-soft, #fbeeee); color: var(--jjqa-accent, var(--jjqa-accent-default));
  font-size: 11px; font-weight: 700; line-height: 1; vertical-align: 2px;
}
.jjqa-marker:hover, .jjqa-marker[aria-expanded="true"] { background: var(--jjqa-accent, var(--jjqa-accent-default)); color: #fff; }

/* the cited passage */
.jjqa-passage { margin: 12px 0 4px; border: 1px solid var(--jjqa-line); border-left: 3px solid var(--jjqa-accent, var(--jjqa-accent-default)); border-radius: 8px; background: var(--jjqa-subtle); }
.jjqa-passage-head { display: flex; align-items: flex-start; gap: 8px; padding: 8px 6px 0 12px; }
.jjqa-passage-marker {
  flex: none; margin-top: 3px; min-width: 18px; height: 18px; border-radius: 9px; padding: 0 4px; display: inline-flex; align-items: center; justify-content: center;
  background: var(--jjqa-accent, var(--jjqa-accent-default)); color: #fff; font-size: 11px; font-weight: 700;
}
.jjqa-passage-path { margin: 0; flex: 1; min-width: 0; font-size: 13px; font-weight: 600; color: var(--jjqa-muted); line-height: 1.6; }
.jjqa-passage-text {
  position: relative; margin: 0; padding: 6px 14px 12px; max-height: 240px; overflow-y: auto;
  font-size: 14px; line-height: 1.85; color: #3b4148; white-space: pre-line;
}
.jjqa-highlight { background: var(--jjqa-mark); color: var(--jjqa-ink); padding: 1px 2px; border-radius: 3px; box-shadow: inset 0 -2px 0 rgba(176,120,0,.35); }
.jjqa-passage-note { margin: 0; padding: 0 14px 10px; font-size: 12px; color: var(--jjqa-muted); }

/* compact source list */
.jjqa-sources { list-style: none; margin: 12px 0 0; padding: 10px 0 0; border-top: 1px dashed var(--jjqa-line); display: flex; flex-direction: column; gap: 4px; }
.jjqa-source {
  display: flex; gap: 8px; width: 100%; text-align: left; align-items: flex-start; padding: 5px 6px; margin: 0 -6px;
  border: 0; border-radius: 6px; background: transparent; font-size: 13px; line-height: 1.55; color: var(--jjqa-muted);
}
.jjqa-source:hover, .jjqa-source[aria-expanded="true"] { background: var(--jjqa-subtle); }
.jjqa-source-marker {
  flex: none; margin-top: 1px; min-width: 18px; height: 18px; border-radius: 9px; padding: 0 4px; display: inline-flex; align-items: center; justify-content: center;
  background: var(--jjqa-accent-soft, #fbeeee); color: var(--jjqa-accent, var(--jjqa-accent-default)); font-size: 11px; font-weight: 700;
}
.jjqa-source-body { display: flex; flex-direction: column; min-width: 0; }
.jjqa-source-path { color: var(--jjqa-ink); font-weight: 600; }
.jjqa-source-document { color: var(--jjqa-muted); font-size: 12px; }
.jjqa-source-quote { color: var(--jjqa-muted); }

/* abstention: neutral, clearly not an answer */
.jjqa-abstained { background: var(--jjqa-subtle); border-style: dashed; box-shadow: none; }
.jjqa-related .jjqa-badge-related { color: #6b4e00; }
.jjqa-badge {
  display: inline-block; margin: 0 0 6px; padding: 1px 10px; border-radius: 999px;
  background: #e8ebef; color: #424a53; font-size: 12px; font-weight: 600; letter-spacing: .02em;
}
.jjqa-abstained .jjqa-answer-text { color: #424a53; font-size: 15px; }
/* how the answer was made: a model's rewrite of the question, a model-written answer checked sentence by sentence */
.jjqa-note { margin: 4px 0 6px; color: #57606a; font-size: 12px; }
.jjqa-unverified { margin: 0 0 8px; padding: 6px 10px; list-style: none; border-left: 3px solid #d9b25e; background: #fff8e7; font-size: 13px; }
.jjqa-unverified del { color: #6e5a2a; }
.jjqa-unverified-why { display: block; color: #5b3d00; font-size: 12px; }
.jjqa-suggestions .jjqa-chip { background: var(--jjqa-surface); }

/* errors */
.jjqa-error { align-self: stretch; border: 1px solid #eccb85; background: #fff8e7; color: #5b3d00; border-radius: 12px; padding: 12px 14px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
.jjqa-error-text { margin: 0; flex: 1 1 200px; font-size: 14px; }
.jjqa-error .jjqa-text-button { border-color: #d9b25e; background: #fff; color: #5b3d00; }

/* actions */
.jjqa-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin-top: 10px; }
.jjqa-text-button {
  display: inline-flex; align-items: center; gap: 5px; height: 30px; padding: 0 10px; border-radius: 8px;
  border: 1px solid var(--jjqa-line); background: var(--jjqa-surface); color: var(--jjqa-muted); font-size: 13px;
}
.jjqa-text-button:hover { color: var(--jjqa-ink); border-color: #c4cad1; }
.jjqa-icon-button {
  display: inline-flex; align-items: center; justify-content: center; width: 32px; height: 32px; padding: 0;
  border: 0; border-radius: 8px; background: transparent; color: var(--jjqa-muted);
}
.jjqa-icon-button:hover { background: var(--jjqa-subtle); color: var(--jjqa-ink); }
.jjqa-icon-button[aria-pressed="true"] { color: var(--jjqa-accent, var(--jjqa-accent-default)); background: var(--jjqa-accent-soft, #fbeeee); }
[aria-disabled="true"] { cursor: default; opacity: .6; }
.jjqa-icon-button[aria-pressed="true"][aria-disabled="true"] { opacity: 1; }
.jjqa-action-status { font-size: 12.5px; color: #1a7f37; margin-left: 4px; }
.jjqa-action-status.jjqa-status-error { color: #9a3412; }

/* composer */
.jjqa-composer { flex: none; padding: 10px 12px 8px; background: var(--jjqa-surface); border-top: 1px solid var(--jjqa-line); }
.jjqa-composer-box {
  display: flex; align-items: flex-end; gap: 8px; padding: 6px 6px 6px 12px; border: 1px solid #c9cfd6; border-radius: 14px; background: #fff;
  transition: border-color .15s, box-shadow .15s;
}
.jjqa-composer-box:focus-within { border-color: var(--jjqa-accent, var(--jjqa-accent-default)); box-shadow: 0 0 0 3px var(--jjqa-accent-soft, #fbeeee); }
.jjqa-input {
  flex: 1; min-width: 0; resize: none; border: 0; outline: none; background: transparent; padding: 6px 0;
  font-size: 15px; line-height: 1.6; max-height: 132px; min-height: 36px; color: var(--jjqa-ink);
}
.jjqa-input::placeholder { color: #6e7781; }
.jjqa-send {
  flex: none; width: 38px; height: 38px; border-radius: 10px; border: 0; display: inline-flex; align-items: center; justify-content: center;
  background: var(--jjqa-accent, var(--jjqa-accent-default)); color: #fff;
}
.jjqa-send:hover { background: var(--jjqa-accent-strong, #8d1e24); }
.jjqa-hint { margin: 5px 2px 0; font-size: 11.5px; color: var(--jjqa-muted); }
@media (pointer: coarse) { .jjqa-hint { display: none; } } /* no Enter/Shift+Enter on a phone keyboard */

/* ── floating: launcher and panel ─────────────────────── */
.jjqa-launcher {
  position: fixed; z-index: 2147483000; bottom: 24px; right: 24px; display: inline-flex; align-items: center; gap: 8px;
  height: 52px; padding: 0 20px 0 16px; border: 0; border-radius: 26px;
  background: var(--jjqa-accent, var(--jjqa-accent-default)); color: #fff; font-size: 15px; font-weight: 600;
  box-shadow: 0 6px 20px rgba(31,35,40,.22), 0 2px 6px rgba(31,35,40,.12); transition: transform .15s, background .15s;
}
.jjqa-launcher:hover { background: var(--jjqa-accent-strong, #8d1e24); transform: translateY(-1px); }
.jjqa-launcher:focus-visible { outline: 3px solid var(--jjqa-accent, var(--jjqa-accent-default)); outline-offset: 3px; }
.jjqa-left .jjqa-launcher { right: auto; left: 24px; }
.jjqa-panel-floating {
  position: fixed; z-index: 2147483001; bottom: 92px; right: 24px; width: 400px; max-width: calc(100vw - 32px);
  height: 640px; max-height: calc(100vh - 116px); border-radius: 16px; overflow: hidden;
  box-shadow: 0 18px 50px rgba(31,35,40,.24), 0 4px 12px rgba(31,35,40,.1); border: 1px solid rgba(31,35,40,.08);
}
.jjqa-left .jjqa-panel-floating { right: auto; left: 24px; }
@media (max-width: 480px), (max-height: 520px) {
  .jjqa-panel-floating { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none; border-radius: 0; border: 0; }
  .jjqa-open .jjqa-launcher { display: none; }
  .jjqa-launcher { bottom: 16px; right: 16px; }
  .jjqa-left .jjqa-launcher { left: 16px; }
  .jjqa-input { font-size: 16px; } /* below 16px iOS zooms the page on focus */
}
`;
