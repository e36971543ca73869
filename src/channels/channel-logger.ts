import { maskedLog } from '../privacy/masked-log.ts';

/** What a channel adapter logs to; the serve command passes its own, tests pass a recorder. */
export interface ChannelLogger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

/** Phone and ID numbers in messages and errors are masked before they reach the console. */
export const consoleChannelLogger: ChannelLogger = maskedLog;

/** A logger that keeps every line; for tests. */
export function createRecordingLogger(): ChannelLogger & { lines: string[] } {
  const lines: string[] = [];
  const describe = (error: unknown) => (error instanceof Error ? ` (${error.message})` : error === undefined ? '' : ` (${String(error)})`);
  return {
    lines,
    info: (message) => void lines.push(`info ${message}`),
    warn: (message, error) => void lines.push(`warn ${message}${describe(error)}`),
    error: (message, error) => void lines.push(`error ${message}${describe(error)}`),
  };
}
