// TODO(issue 6): being written.
import { type CapacityReport } from '@podfit/scheduling';

/** What the page says about where the report came from; every field optional. */
export interface HtmlContext {
  /** e.g. `podfit capacity plan` or the stored report's id. */
  readonly title?: string;
  /** When the report was made, as the caller formats it (the lib reads no clock). */
  readonly createdAt?: string;
  /** Inventory name and version, or the --nodes file. */
  readonly inventory?: string;
}

/** One self-contained HTML page (inline CSS and SVG, no script, no external resource). */
export function renderHtml(_report: CapacityReport, _context: HtmlContext = {}): string {
  throw new Error('renderHtml: not implemented yet (issue 6)');
}
