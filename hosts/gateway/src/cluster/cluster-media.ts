import type { PluginLog } from '@openclaw-nodes/core/plugin';
import type { MediaStore } from '../media/media-store.js';
import { MediaHolder } from './media-holder.js';
import { MediaPulls } from './media-pulls.js';

/** Both sides of media between members: serving this member's files, pulling others'. */
export class ClusterMedia {
  readonly pulls: MediaPulls;
  private readonly holder: MediaHolder;
  private store: MediaStore | undefined;

  /**
   * `send` publishes on a member's channel; `isAlive` tells members alive now; `redisUp`
   * whether this member's Redis is usable now; `log` takes a line per fetch cut short (rate-limited).
   */
  constructor(memberId: string, send: (member: string, message: Record<string, unknown>) => Promise<void>, isAlive: (member: string) => boolean, redisUp: () => boolean, log?: PluginLog) {
    this.holder = new MediaHolder(() => this.store, send, isAlive);
    this.pulls = new MediaPulls(memberId, send, (member) => isAlive(member) && redisUp(), log);
  }

  /** The gateway's media store: served to others, and where copies of others' media go. */
  bind(store: MediaStore): void {
    this.store = store;
    // No holder may claim a file larger than this member would take as an upload.
    this.pulls.maxBytes = store.settings.maxUploadBytes;
    store.attachRemote(this.pulls);
  }

  /** A message from this member's channel: handled (true) when it is about media. */
  handle(message: Record<string, unknown>): boolean {
    if (message.t === 'mget') this.holder.handle(message);
    else if (message.t === 'mdata') this.pulls.handle(message);
    else return false;
    return true;
  }

  counters(): { pulls: number; pulledBytes: number; servedBytes: number } {
    return { ...this.pulls.counters, servedBytes: this.holder.servedBytes };
  }
}
