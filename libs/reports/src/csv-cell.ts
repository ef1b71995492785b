// One CSV field as RFC 4180 writes it, guarded against spreadsheet formula injection: names come from user
// manifests, and a spreadsheet runs a cell such as `=HYPERLINK(…)` as a formula. OWASP "CSV Injection".

export type CsvValue = string | number | boolean | null;

/** Every line ends with CRLF, the last one too (RFC 4180 section 2). */
export const CSV_EOL = '\r\n';

/**
 * One field: null is empty, booleans are `true`/`false`. A text beginning with `=`, `+`, `@`, tab or CR, or
 * with `-` not followed by a digit, gets a leading `'` so a spreadsheet shows it as text (`-500m`, a
 * negative free quantity, stays as it is). A field holding a comma, a double quote, CR or LF is quoted,
 * its quotes doubled.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+@\t\r]/.test(text) || /^-(?!\d)/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and data rows as CSV text, every line ending with CSV_EOL. */
export function csvTable(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join(CSV_EOL) + CSV_EOL;
}
