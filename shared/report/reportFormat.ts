const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const decimalFormats = new Map<number, Intl.NumberFormat>();

/** Number formats shared by the text, the tables and the summary, so a figure reads the same everywhere. */
export const reportFormat = {
  count(value: number): string {
    return Number.isFinite(value) ? countFormat.format(value) : '–';
  },
  /** null and undefined are "no figure" (a run without a churn score), never 0 %. */
  percent(share: number | null | undefined): string {
    return typeof share === 'number' && Number.isFinite(share) ? percentFormat.format(share) : '–';
  },
  decimal(value: number | undefined, digits = 2): string {
    if (value === undefined || !Number.isFinite(value)) return '–';
    let format = decimalFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
      decimalFormats.set(digits, format);
    }
    return format.format(value);
  },
  /** Centroids mix counts, money and shares: keep about four significant digits. */
  measure(value: number | undefined): string {
    if (value === undefined || !Number.isFinite(value)) return '–';
    const magnitude = Math.abs(value);
    const digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
    return reportFormat.decimal(value, digits);
  },
  signed(value: number, digits = 1): string {
    const text = reportFormat.decimal(Math.abs(value), digits);
    return value < 0 ? `−${text}` : `+${text}`;
  },
  seconds(value: number): string {
    return Number.isFinite(value) ? `${reportFormat.decimal(value, value < 10 ? 2 : 1)} s` : '–';
  },
};
