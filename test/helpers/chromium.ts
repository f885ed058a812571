import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describeRequiring } from './describeRequiring';

/** Debian's chromium by default; SEGMENTWISE_CHROMIUM points elsewhere. Playwright never downloads one. */
export const chromiumPath = process.env.SEGMENTWISE_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromiumPath);

/** Flags for a quiet, offline, throw-away browser: nothing phones home, nothing is kept. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--headless',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** `describe` for browser tests: skipped with the reason where chromium is absent, a failure in CI. */
export const describeWithChromium: jest.Describe = describeRequiring({
  available: hasChromium,
  missing: `no chromium at ${chromiumPath}`,
  install: 'apt-get install chromium or set SEGMENTWISE_CHROMIUM',
});

export interface ChromiumSession {
  context: BrowserContext;
  /** Closes the browser and deletes its temporary profile. */
  close(): Promise<void>;
}

/** Starts headless chromium with a fresh profile in a temporary --user-data-dir. */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<ChromiumSession> {
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: options.viewport ?? { width: 1280, height: 900 },
      offline: false,
    });
    return {
      context,
      async close() {
        try {
          await context.close();
        } finally {
          fs.rmSync(userDataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface PageWatch {
  /** console.error messages and uncaught page errors. */
  errors: string[];
  /** Every URL the page requested, the document itself included. */
  requests: string[];
}

/** Records what a page complains about and what it fetches, from before it starts loading. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.errors.push(`page: ${error.message}`));
  page.on('request', (request) => watch.requests.push(request.url()));
  return watch;
}
