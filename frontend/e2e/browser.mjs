// browser.mjs launches Debian's chromium through playwright-core (no browser
// download). launch() gives every run a fresh temporary profile.
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.OCL_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
