import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Debian's Chromium, launched the way this project's machines allow: Playwright's own browser
 * downloads are never used. Background networking is off so the browser makes no calls of its own.
 */
export const CHROMIUM_PATH = process.env.GXV_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (or set GXV_CHROMIUM).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
