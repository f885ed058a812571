import { renderVegaLiteSvg } from '../../../shared/report/renderVegaLiteSvg';

describe('renderVegaLiteSvg', () => {
  it('renders a vega-lite spec to standalone SVG markup with scoped ids', async () => {
    const svg = (
      await renderVegaLiteSvg(
        {
          width: 200,
          height: 100,
          data: { values: [{ a: 'x', b: 1 }, { a: 'y', b: 3 }] },
          mark: 'bar',
          encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' }, color: { field: 'b', type: 'quantitative' } },
        },
        'Two <bars>',
      )
    ).html;
    expect(svg).toMatch(/^<svg role="img" aria-label="Two &lt;bars&gt;" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toContain('xmlns:xlink');
    expect((svg.match(/<path [^>]*aria-roledescription="bar"/g) ?? []).length).toBe(2);
    // The gradient legend's id is prefixed, and so is its reference.
    const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^c\d+-/);
    for (const [, ref] of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref);
  });

  it('gives two charts different ids', async () => {
    const spec = {
      data: { values: [{ v: 1 }, { v: 2 }] },
      mark: 'point' as const,
      encoding: { x: { field: 'v', type: 'quantitative' as const }, color: { field: 'v', type: 'quantitative' as const } },
    };
    const first = (await renderVegaLiteSvg(spec, 'a')).html.match(/\sid="([^"]+)"/)?.[1];
    const second = (await renderVegaLiteSvg(spec, 'b')).html.match(/\sid="([^"]+)"/)?.[1];
    expect(first).toBeDefined();
    expect(first).not.toBe(second);
  });

  it('never fetches data from a URL', async () => {
    await expect(
      renderVegaLiteSvg(
        { data: { url: 'https://example.com/data.csv' }, mark: 'point', encoding: { x: { field: 'v', type: 'quantitative' } } },
        'remote',
      ),
    ).rejects.toThrow(/never load external data/);
  });

  it('refuses a chart that would embed an external image', async () => {
    await expect(
      renderVegaLiteSvg(
        {
          data: { values: [{ u: 'https://example.com/a.png', v: 1 }] },
          mark: { type: 'image', width: 10, height: 10 },
          encoding: { x: { field: 'v', type: 'quantitative' }, url: { field: 'u', type: 'nominal' } },
        },
        'image',
      ),
    ).rejects.toThrow(/external|outside/);
  });
});
