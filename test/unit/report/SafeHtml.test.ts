import { escapeHtml } from '../../../shared/report/escapeHtml';
import { html, SafeHtml } from '../../../shared/report/SafeHtml';

describe('escapeHtml and the html tag', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });

  it('escapes interpolated strings and keeps SafeHtml and arrays of it', () => {
    const name = '<b>bold</b>';
    const out = html`<p title="${name}">${name}${html`<i>${'x'}</i>`}${[html`<br>`, '<br>']}${undefined}${false}${0}</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.html).toBe('<p title="&lt;b&gt;bold&lt;/b&gt;">&lt;b&gt;bold&lt;/b&gt;<i>x</i><br>&lt;br&gt;0</p>');
  });
});
