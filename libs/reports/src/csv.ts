// TODO(issue 6): being written.
import { type CapacityReport } from '@podfit/scheduling';

/** The report's per-node rows as RFC 4180 CSV with a header row. */
export function renderCsv(_report: CapacityReport): string {
  throw new Error('renderCsv: not implemented yet (issue 6)');
}
