// A progress bar on stderr for capacity reports that take a while, drawn with cli-progress. The simulation
// is synchronous, so nothing draws on a timer: each placement the core reports (`onPlacement`) checks the
// clock, and the bar is drawn there, at most every PROGRESS_INTERVAL_MS, once PROGRESS_DELAY_MS have passed.
// A report that ends sooner never shows a bar, and the bar is cleared before the report is printed.
import { SingleBar } from 'cli-progress';

/** What the bar is drawn on: stderr when it is a terminal (a TTY write is synchronous). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface CapacityProgressOptions {
  /** stderr when it is a terminal; null (or a stream that is not a TTY) draws nothing. */
  readonly stream: ProgressStream | null;
  /** Placements the report will make; null when unknown, for a counter instead of a bar. */
  readonly total: number | null;
  /** What is going on, before the bar: `capacity plan`. */
  readonly label: string;
  /** A monotonic clock in milliseconds; `performance.now` by default. */
  readonly now?: () => number;
}

export interface CapacityProgress {
  /** Counts one placement; give it to the core as `onPlacement`. */
  readonly onPlacement: () => void;
  /** Clears the bar if it was drawn. Call it before printing anything, also when the report failed. */
  readonly stop: () => void;
}

export const PROGRESS_DELAY_MS = 1000;
export const PROGRESS_INTERVAL_MS = 100;

const BAR_FORMAT = '{label} [{bar}] {percentage}% | {value}/{total} replicas | ETA: {eta_formatted}';
const COUNTER_FORMAT = '{label}: {value} replicas placed';

/** A progress reporter for one report, or null when there is no terminal to draw on. */
export function capacityProgress(options: CapacityProgressOptions): CapacityProgress | null {
  const { stream, total, label } = options;
  if (stream === null || stream.isTTY !== true) return null;
  const now = options.now ?? (() => performance.now());
  let placed = 0;
  let nextDrawMs = now() + PROGRESS_DELAY_MS;
  let bar: SingleBar | null = null;
  return {
    onPlacement() {
      placed++;
      const nowMs = now();
      if (nowMs < nextDrawMs) return;
      nextDrawMs = nowMs + PROGRESS_INTERVAL_MS;
      if (bar === null) {
        bar = new SingleBar({
          // cli-progress reads only write, isTTY and columns of its stream.
          stream: stream as unknown as NodeJS.WritableStream,
          format: total === null ? COUNTER_FORMAT : BAR_FORMAT,
          // Drawn here, not by cli-progress' own timer or throttle (they run on the event loop and the real
          // clock); leaving line wrapping alone changes no terminal mode that an interrupt could leave behind.
          synchronousUpdate: false,
          linewrap: true,
          hideCursor: false,
          clearOnComplete: true,
          barsize: 20,
        });
        bar.start(total ?? 0, placed, { label });
      } else {
        bar.update(placed);
        bar.render();
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
