import { html, type SafeHtml } from '../SafeHtml';

/**
 * A warning the reader must not miss, in the report's risk colour. Styled inline so a section can
 * raise one without the page's style sheet knowing about it.
 */
export function warningNote(text: string, label: string): SafeHtml {
  return html`<p class="warning" role="alert" style="border-left: 4px solid var(--risk); background: #fbe9e9; padding: 8px 12px; border-radius: 6px; margin: 8px 0;"><strong>${label}</strong> ${text}</p>`;
}
