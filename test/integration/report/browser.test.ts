import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { renderReport } from '../../../shared/report/renderReport';
import { segmentPalette } from '../../../shared/report/segmentPalette';
import { describeWithChromium, launchChromium, watchPage, type ChromiumSession } from '../../helpers/chromium';
import { reportFixture } from '../../unit/report/reportFixture';

/** Share of pixels that are not near-white, and how many distinct colours an image has. */
function inkAndColours(png: Buffer): { ink: number; colours: number } {
  const image = PNG.sync.read(png);
  const colours = new Set<number>();
  let ink = 0;
  const pixels = image.width * image.height;
  for (let i = 0; i < pixels * 4; i += 4) {
    const [r, g, b] = [image.data[i], image.data[i + 1], image.data[i + 2]];
    colours.add((r << 16) | (g << 8) | b);
    if (r < 235 || g < 235 || b < 235) ink++;
  }
  return { ink: ink / pixels, colours: colours.size };
}

describeWithChromium('report.html in headless chromium', () => {
  let session: ChromiumSession;
  let dir: string;
  let reportUrl: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-report-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, await renderReport(reportFixture({ points: 5000 })));
    reportUrl = pathToFileURL(file).href;
    session = await launchChromium();
  });

  afterAll(async () => {
    await session?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens offline with no console errors and no request but the file itself', async () => {
    const page = await session.context.newPage();
    const watch = watchPage(page);
    await page.goto(reportUrl, { waitUntil: 'load' });
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([reportUrl]);
    expect(await page.evaluate<number>('document.scripts.length')).toBe(0);
    expect(await page.title()).toBe('Segments · telco-churn · 3f9a0c1b7d2e4a56');
    await page.close();
  });

  it('draws every chart: each SVG has a size and visible ink', async () => {
    const page = await session.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const charts = page.locator('figure svg');
    expect(await charts.count()).toBe(9);
    for (let i = 0; i < 9; i++) {
      const chart = charts.nth(i);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);
      const { ink, colours } = inkAndColours(await chart.screenshot());
      expect(ink).toBeGreaterThan(0.02);
      expect(colours).toBeGreaterThan(20);
    }
    await page.close();
  });

  it('screenshots read well: a first screen with ink, a segment map in every segment colour', async () => {
    const page = await session.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    // The whole page is kept for a person to look at (SEGMENTWISE_REPORT_SCREENSHOT names where);
    // decoding 9 megapixels with pngjs inside Jest takes seconds, so only its header is checked.
    const full = await page.screenshot({ fullPage: true });
    fs.writeFileSync(process.env.SEGMENTWISE_REPORT_SCREENSHOT ?? path.join(dir, 'report.png'), full);
    expect(full.readUInt32BE(16)).toBe(1280);
    expect(full.readUInt32BE(20)).toBeGreaterThan(3000);

    const firstScreen = inkAndColours(await page.screenshot());
    expect(firstScreen.colours).toBeGreaterThan(200);
    expect(firstScreen.ink).toBeGreaterThan(0.04);

    const map = PNG.sync.read(await page.locator('figure', { hasText: 'Segment map (PCA)' }).locator('svg').screenshot());
    for (const colour of segmentPalette.slice(0, 5)) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      let hits = 0;
      for (let i = 0; i < map.data.length; i += 4) {
        if (Math.abs(map.data[i] - r) < 8 && Math.abs(map.data[i + 1] - g) < 8 && Math.abs(map.data[i + 2] - b) < 8) hits++;
      }
      expect(hits).toBeGreaterThan(50);
    }
    await page.close();
  });

  it('fits a phone-width screen without horizontal scrolling of the page', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(reportUrl, { waitUntil: 'load' });
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
