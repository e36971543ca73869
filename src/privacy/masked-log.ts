import { maskForLog } from './mask.ts';

/** Process-wide log lines with phone and ID numbers masked; stderr, like the rest of the server's diagnostics. */
export const maskedLog = {
  info: (message: string) => console.log(maskForLog(message)),
  warn: (message: string, error?: unknown) => console.warn(error === undefined ? maskForLog(message) : `${maskForLog(message)} ${maskForLog(error)}`),
  error: (message: string, error?: unknown) => console.error(error === undefined ? maskForLog(message) : `${maskForLog(message)} ${maskForLog(error)}`),
};
