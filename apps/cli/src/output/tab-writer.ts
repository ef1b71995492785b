// Tables laid out as kubectl's tabwriter does (cli-runtime printers/tabwriter.go: minwidth 6, padding 3,
// padchar ' '): a column is as wide as its widest cell plus 3 spaces, at least 6, and the last column is
// not padded. Empty cells read `<none>` (cli-runtime printers/tableprinter.go).
import textTable from 'text-table';

export const NONE = '<none>';
export const UNKNOWN = '<unknown>';

const PADDING = '   ';
const MIN_WIDTH = 6;
// A table of every node's verdict for every workload can hold millions of rows: it is written in slices,
// each laid out to the widths of the whole table, so that no single string has to hold all of it.
const ROWS_PER_SLICE = 5000;

/** Writes rows under upper-case headers (or none), one `\n`-terminated line each. */
export function writeTable(
  headers: readonly string[] | null,
  rows: readonly (readonly string[])[],
  write: (text: string) => void,
): void {
  const lines = headers === null ? rows : [headers, ...rows];
  if (lines.length === 0) return;
  const widths = lines[0]!.map((_, column) =>
    lines.reduce((width, line) => Math.max(width, cell(line[column]).length), MIN_WIDTH - PADDING.length),
  );
  // A first line of blank cells as wide as each column makes text-table lay every slice out alike.
  const ruler = widths.map((width) => ' '.repeat(width));
  for (let start = 0; start < lines.length; start += ROWS_PER_SLICE) {
    const slice = lines.slice(start, start + ROWS_PER_SLICE).map((line) => line.map(cell));
    const text = textTable([ruler, ...slice], { hsep: PADDING });
    write(`${text.slice(text.indexOf('\n') + 1)}\n`);
  }
}

/** The same table as one string. */
export function formatTable(headers: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  let text = '';
  writeTable(headers, rows, (chunk) => {
    text += chunk;
  });
  return text;
}

function cell(value: string | undefined): string {
  return value === undefined || value === '' ? NONE : value;
}
