// The capacity progress bar on a fake terminal and a fake clock: silent for the first second, drawn from
// inside the (synchronous) placements after it, at most every 100 ms, and cleared by stop().
import {
  capacityProgress,
  PROGRESS_DELAY_MS,
  type CapacityProgress,
  type CapacityProgressOptions,
  PROGRESS_INTERVAL_MS,
  type ProgressStream,
} from '../../apps/cli/src/output/capacity-progress';

class FakeTerminal implements ProgressStream {
  readonly columns = 100;
  readonly chunks: string[] = [];
  constructor(readonly isTTY: boolean) {}
  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }
}

// The text of each write, without its escape sequences (cursor moves, line clears); blank writes dropped.
// eslint-disable-next-line no-control-regex -- matching the terminal's escape character is the point
const ESCAPE = /\x1b(?:\[[0-9;?]*[A-Za-z]|[78])/g;
function drawnLines(terminal: FakeTerminal): string[] {
  return terminal.chunks.map((chunk) => chunk.replace(ESCAPE, '')).filter((text) => text.trim() !== '');
}

function fakeClock(startMs = 5_000) {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}

// A bar left running (by a failing assertion) would keep cli-progress' redraw timer, and Jest, alive.
const started: CapacityProgress[] = [];
function start(options: CapacityProgressOptions): CapacityProgress | null {
  const progress = capacityProgress(options);
  if (progress !== null) started.push(progress);
  return progress;
}
afterEach(() => started.splice(0).forEach((progress) => progress.stop()));

describe('capacityProgress', () => {
  it('draws nothing when stderr is not a terminal (null stream or not a TTY)', () => {
    expect(start({ stream: null, total: 10, label: 'capacity plan' })).toBeNull();
    const pipe = new FakeTerminal(false);
    expect(start({ stream: pipe, total: 10, label: 'capacity plan' })).toBeNull();
    expect(pipe.chunks).toEqual([]);
  });

  it('stays silent for a report that ends within the first second', () => {
    const terminal = new FakeTerminal(true);
    const clock = fakeClock();
    const progress = start({ stream: terminal, total: 1000, label: 'capacity plan', ...clock })!;
    for (let i = 0; i < 999; i++) {
      progress.onPlacement();
      clock.advance(1);
    }
    expect(PROGRESS_DELAY_MS).toBe(1000);
    progress.stop();
    expect(terminal.chunks).toEqual([]);
  });

  it('draws the bar from inside the placements once a second has passed, throttled, then clears it', () => {
    const terminal = new FakeTerminal(true);
    const clock = fakeClock();
    const progress = start({ stream: terminal, total: 400, label: 'capacity plan', ...clock })!;
    // 100 placements over 999 ms: still silent.
    for (let i = 0; i < 100; i++) {
      clock.advance(i === 99 ? 108 : 9);
      progress.onPlacement();
    }
    expect(terminal.chunks).toEqual([]);

    // The 101st lands at 1000 ms: the bar appears, at 101 of 400 (25%; round(20 × 101/400) = 5 of 20
    // cells), synchronously.
    clock.advance(1);
    progress.onPlacement();
    const first = drawnLines(terminal);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^capacity plan \[={5}-{15}\] 25% \| 101\/400 replicas \| ETA: /);

    // Placements within the next 100 ms draw nothing more.
    const drawn = terminal.chunks.length;
    for (let i = 0; i < 99; i++) {
      clock.advance(1);
      progress.onPlacement();
    }
    expect(terminal.chunks).toHaveLength(drawn);
    expect(PROGRESS_INTERVAL_MS).toBe(100);

    // 100 ms after the first draw, the next placement (the 201st) draws 50%.
    clock.advance(1);
    progress.onPlacement();
    const second = drawnLines(terminal).slice(first.length);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatch(/^capacity plan \[={10}-{10}\] 50% \| 201\/400 replicas \| /);

    // stop() draws the last value, then returns to the start of the line and erases it.
    const beforeStop = terminal.chunks.length;
    progress.stop();
    const tail = terminal.chunks.slice(beforeStop).join('');
    expect(tail.endsWith('\x1b[2K')).toBe(true);
    expect(tail).not.toContain('\n');
    // Stopping twice writes nothing more.
    const afterStop = terminal.chunks.length;
    progress.stop();
    expect(terminal.chunks).toHaveLength(afterStop);
  });

  it('counts placements without a bar when the total is unknown', () => {
    const terminal = new FakeTerminal(true);
    const clock = fakeClock();
    const progress = start({ stream: terminal, total: null, label: 'capacity max', ...clock })!;
    clock.advance(PROGRESS_DELAY_MS);
    for (let i = 0; i < 42; i++) progress.onPlacement();
    expect(drawnLines(terminal)).toEqual(['capacity max: 1 replicas placed']);
    clock.advance(PROGRESS_INTERVAL_MS);
    progress.onPlacement();
    expect(drawnLines(terminal)).toEqual([
      'capacity max: 1 replicas placed',
      'capacity max: 43 replicas placed',
    ]);
    progress.stop();
  });

  it('a stop before the first second writes nothing', () => {
    const terminal = new FakeTerminal(true);
    const progress = start({ stream: terminal, total: 5, label: 'capacity plan', ...fakeClock() })!;
    progress.stop();
    expect(terminal.chunks).toEqual([]);
  });
});
