import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Notifier } from '../notify/notifier.ts';

/** A messaging platform adapter (Telegram, Feishu) as the server starts, routes and stops it. */
export interface PlatformChannel {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Handles the platform's own HTTP requests (webhook, event and card callbacks); returns false for any other request. */
  handleHttp(request: IncomingMessage, response: ServerResponse): boolean;
  /** Resolves once every accepted message has been handled and its replies sent. */
  whenIdle(): Promise<void>;
  /** Sends to a user first (reminders, notices), through the same translation as answers. */
  notifier?: Notifier;
}
