import type { App } from '../../../src/app.ts';
import type { ChannelName } from '../../../src/core/types.ts';
import type { ChannelTurn } from './normal-form.ts';

/** One user talking to a fresh app through one channel, the way that channel's people do. */
export interface ChannelDriver {
  channel: ChannelName;
  app: App;
  /** The user's key in the app (`channel:userId`), as stored in record authors. */
  userKey: string;
  say(text: string): Promise<ChannelTurn>;
  /** Presses a button of an earlier turn the platform's way (action, number, callback_data, card value). */
  press(turn: ChannelTurn, label: string): Promise<ChannelTurn>;
  close(): Promise<void>;
}
