// The server's log as the tests read it: one JSON object per stdout line.
import { type ServerProcess } from './server-process';

export interface LogLine {
  readonly level: string;
  readonly time: string;
  readonly msg: string;
  readonly reqId?: string;
  readonly context?: string;
  readonly [field: string]: unknown;
}

/** Every line of `stdout` as JSON; a line that is not a JSON log line fails, quoting it. */
export function logLines(stdout: string): LogLine[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
      const entry = parsed as Partial<LogLine>;
      if (
        typeof entry.level !== 'string' ||
        typeof entry.time !== 'string' ||
        typeof entry.msg !== 'string'
      ) {
        throw new Error(`a log line without level, time or msg: ${line}`);
      }
      return entry as LogLine;
    });
}

/** The first line `server` logged that matches, waiting for it: access lines follow their response. */
export async function waitForLogLine(
  server: ServerProcess,
  matches: (line: LogLine) => boolean,
  timeoutMs = 5_000,
): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = logLines(server.stdout()).find(matches);
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      throw new Error(`no such log line within ${timeoutMs} ms; the log:\n${server.stdout()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
