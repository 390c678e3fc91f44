// The full page (GET /): a reading column with the report's header, the intro and starter
// questions, the conversation, and a composer that stays at the bottom of the viewport.

/** For the document itself (outside the shadow root): only the page's own background and margins. */
export const DOCUMENT_CSS = `
html { background: #f5f5f2; -webkit-text-size-adjust: 100%; }
body { margin: 0; min-height: 100vh; }
#jiangjin-qa-app { display: block; }
`;

export const PAGE_CSS = `
:host { display: block; }
.jjqa-page { min-height: 100vh; display: flex; flex-direction: column; background: #f5f5f2; }
.jjqa-topbar {
  position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid var(--jjqa-line);
}
.jjqa-topbar-inner { max-width: 840px; margin: 0 auto; padding: 10px 20px; display: flex; align-items: center; gap: 12px; }
.jjqa-brand-mark {
  flex: none; width: 34px; height: 34px; border-radius: 9px; display: inline-flex; align-items: center; justify-content: center;
  background: var(--jjqa-accent, var(--jjqa-accent-default)); color: #fff; font-weight: 700; font-size: 18px;
}
.jjqa-brand-name { margin: 0; font-size: 16px; font-weight: 700; letter-spacing: .02em; }
.jjqa-brand-note { margin: 0 0 0 auto; font-size: 12.5px; color: var(--jjqa-muted); }
.jjqa-main { flex: 1; width: 100%; max-width: 840px; margin: 0 auto; padding: 24px 20px 0; min-width: 0; }
.jjqa-hero {
  background: #fff; border: 1px solid var(--jjqa-line); border-radius: 16px; padding: 22px 24px 20px; margin-bottom: 6px;
  border-top: 4px solid var(--jjqa-accent, var(--jjqa-accent-default));
}
.jjqa-kicker { margin: 0 0 6px; font-size: 12.5px; font-weight: 600; color: var(--jjqa-accent, var(--jjqa-accent-default)); letter-spacing: .04em; }
.jjqa-report-title {
  margin: 0; font-size: 22px; line-height: 1.5; font-weight: 700; overflow-wrap: anywhere;
  font-family: "Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "Songti SC", "SimSun", serif;
}
.jjqa-byline { margin: 8px 0 0; font-size: 13px; color: var(--jjqa-muted); }
.jjqa-intro { margin: 12px 0 0; font-size: 14.5px; color: #3b4148; }
.jjqa-panel-inline { background: transparent; }
.jjqa-panel-inline .jjqa-messages { padding: 18px 0 24px; }
.jjqa-panel-inline .jjqa-welcome { background: #fff; border: 1px solid var(--jjqa-line); border-radius: 16px; padding: 16px 20px 18px; }
.jjqa-panel-inline .jjqa-starters { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 8px; }
.jjqa-panel-inline .jjqa-starters-heading { margin-top: 0; }
.jjqa-panel-inline .jjqa-composer {
  position: sticky; bottom: 0; z-index: 4; border-top: 0; padding: 12px 0 14px;
  background: linear-gradient(rgba(245,245,242,0), #f5f5f2 22%);
}
.jjqa-panel-inline .jjqa-composer-box { box-shadow: 0 4px 18px rgba(31,35,40,.08); }
.jjqa-panel-inline .jjqa-question { max-width: 75%; }
.jjqa-panel-inline .jjqa-message, .jjqa-panel-inline .jjqa-passage { scroll-margin-top: 76px; scroll-margin-bottom: 130px; }
.jjqa-panel-inline .jjqa-answer { padding: 16px 20px 12px; }
.jjqa-footer { max-width: 840px; margin: 0 auto; padding: 0 20px 16px; font-size: 12px; color: var(--jjqa-muted); }
@media (max-width: 600px) {
  .jjqa-topbar-inner, .jjqa-main, .jjqa-footer { padding-left: 14px; padding-right: 14px; }
  .jjqa-brand-note { display: none; }
  .jjqa-hero { padding: 18px 16px 16px; }
  .jjqa-report-title { font-size: 18px; }
  .jjqa-panel-inline .jjqa-question { max-width: 88%; }
  .jjqa-panel-inline .jjqa-answer { padding: 14px 14px 10px; }
  .jjqa-input { font-size: 16px; }
}
`;
