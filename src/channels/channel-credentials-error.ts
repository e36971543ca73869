import { ConfigError } from '../config.ts';

/**
 * The platform rejected the configured credentials at start. A ConfigError, so the CLI prints the
 * Chinese message (naming the variable to fix) instead of a stack trace; the API error is the cause.
 */
export class ChannelCredentialsError extends ConfigError {
  constructor(message: string, options: { cause: unknown }) {
    super(message);
    this.name = 'ChannelCredentialsError';
    this.cause = options.cause;
  }
}
