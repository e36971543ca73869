/** What a channel adapter logs to; the serve command passes its own, tests pass a recorder. */
export interface ChannelLogger {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export const consoleChannelLogger: ChannelLogger = {
  info: (message) => console.log(message),
  warn: (message, error) => (error === undefined ? console.warn(message) : console.warn(message, error)),
  error: (message, error) => (error === undefined ? console.error(message) : console.error(message, error)),
};

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
