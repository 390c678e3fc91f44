// report.html's only script, and optional: without it everything still reads and expands
// (<details>), and the "failed only" filter works through CSS :has(). With it, "expand all"
// appears and a link to #q-… (the baseline's newly failing ids) opens that question.
// The page's Content-Security-Policy allows exactly this script by its hash, so nothing
// injected into the report could run even if escaping ever failed; a unit test keeps
// REPORT_SCRIPT_SHA256 in step with REPORT_SCRIPT.

export const REPORT_SCRIPT = `(() => {
  const list = document.getElementById("question-list");
  const toggle = document.getElementById("toggle-all");
  if (!list || !toggle) return;
  const items = Array.from(list.querySelectorAll("details.q"));
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-pressed") !== "true";
    for (const item of items) item.open = open;
    toggle.setAttribute("aria-pressed", String(open));
    toggle.textContent = open ? "全部收起 (collapse all)" : "全部展开 (expand all)";
  });
  const openTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView({ block: "start" });
    }
  };
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();`;

/** Base64 SHA-256 of REPORT_SCRIPT, for the page's script-src. */
export const REPORT_SCRIPT_SHA256 = "uvmRcfgC5jzu13xrmgG8HlgYhGZJiQUEF8S56rrZDmw=";
