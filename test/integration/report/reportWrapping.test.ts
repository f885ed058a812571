import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReportInput } from '../../../shared/report/ReportInput';
import { renderReport } from '../../../shared/report/renderReport';
import { describeWithChromium, launchChromium, type ChromiumSession } from '../../helpers/chromium';
import { reportFixture } from '../../unit/report/reportFixture';

/** A report whose names, labels and values are as long as real ones get: long words without spaces, long Russian phrases. */
function longTextReport(): ReportInput {
  const input = reportFixture({ segments: 6, points: 600 });
  const longFeature = 'Средняя_выручка_за_последние_шесть_месяцев_по_всем_категориям_товаров';
  input.language = 'ru';
  input.valueColumn = 'Выручка_за_месяц_по_всем_магазинам_и_каналам_продаж';
  input.segments = input.segments.map((s, i) => ({
    ...s,
    name: i === 0 ? 'Ценные под угрозой ухода: охотники за скидками, смотрят много категорий, давно без покупок' : i === 1 ? 'Ultralongsegmentnamewithoutanyspaceatallthatwouldoverflowacardifitcouldnotwrap' : s.name,
    distinguishing: [{ feature: longFeature, z: 1.9 }, { feature: 'Популярная_категория=Товары для детей и мелкая бытовая техника', z: -1.2 }, ...s.distinguishing].slice(0, 5),
    value: 12345.67 + i,
    valueAtStake: 987654.32 * (6 - i),
    priority: i + 1,
  }));
  input.rfmCrossTable = input.segments.flatMap((s) => ['Champions', "Can't lose them", 'Hibernating'].map((c, j) => ({ rfmSegment: c, segment: s.segment, customers: 10 * (j + 1) + s.segment })));
  return input;
}

describeWithChromium('report.html wraps long names and values at 1,200 px', () => {
  let session: ChromiumSession;
  let dir: string;
  let reportUrl: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-wrap-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, await renderReport(longTextReport()));
    reportUrl = pathToFileURL(file).href;
    session = await launchChromium({ viewport: { width: 1200, height: 900 } });
  });

  afterAll(async () => {
    await session?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every segment card’s text inside the card', async () => {
    const page = await session.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const spill = await page.evaluate<{ card: number; overflow: number; outside: string[] }[]>(`[...document.querySelectorAll('.card')].map((card, i) => {
      const box = card.getBoundingClientRect();
      const outside = [...card.querySelectorAll('h3, p, li')].filter((el) => el.getBoundingClientRect().right > box.right + 0.5).map((el) => el.textContent.slice(0, 40));
      return { card: i, overflow: card.scrollWidth - card.clientWidth, outside };
    })`);
    expect(spill).toHaveLength(6);
    for (const c of spill) expect(c).toEqual({ card: c.card, overflow: 0, outside: [] });
    await page.close();
  });

  it('shows the segments table whole, "Stands out by" included, without cutting a column off', async () => {
    const page = await session.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    const table = await page.evaluate<{ overflow: number; lastRight: number; wrapRight: number; heading: string }>(`(() => {
      const wrap = document.querySelector('table.segments').parentElement;
      const last = document.querySelector('table.segments thead th:last-child');
      return { overflow: wrap.scrollWidth - wrap.clientWidth, lastRight: last.getBoundingClientRect().right, wrapRight: wrap.getBoundingClientRect().right, heading: last.textContent };
    })()`);
    expect(table.heading).toBe('Чем выделяется');
    expect(table.overflow).toBe(0);
    expect(table.lastRight).toBeLessThanOrEqual(table.wrapRight + 0.5);
    // The page itself never scrolls sideways either.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('speaks the dataset’s language in its head, cards and tables', async () => {
    const page = await session.context.newPage();
    await page.goto(reportUrl, { waitUntil: 'load' });
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('ru');
    const text = await page.evaluate<string>("document.querySelector('#summary').innerText + document.querySelector('#segments').innerText");
    for (const words of ['Сегменты в порядке действий', 'Что сделать:', 'Месячная выручка под угрозой', 'Классы RFM рядом с сегментами']) expect(text).toContain(words);
    await page.close();
  });
});
