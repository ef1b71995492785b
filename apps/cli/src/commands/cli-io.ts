import { type ProgressStream } from '../output/capacity-progress';

/** The process as the commands see it, so that they never touch `process` themselves. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of stdin, as bytes; read at most once. */
  readonly readStdin: () => Promise<Uint8Array>;
  /** The environment (`PODFIT_SERVER`, `PODFIT_TOKEN`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** stderr when it is a terminal, for progress bars; null (or absent) when it is not. */
  readonly progressStream?: ProgressStream | null;
}
