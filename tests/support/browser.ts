import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot work
 * offline; scripts/ensure-chromium.sh installs the system one). The flags keep it quiet and
 * self-contained: no sandbox (CI runs as root), no GPU, no background requests to Google.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
