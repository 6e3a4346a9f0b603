import type { InvokeEnd } from '../invoke/invoke-router.js';
import type { PrometheusText } from './prometheus-text.js';

/** Upper bounds, in seconds, of the invoke latency histogram buckets. */
export const LATENCY_BUCKETS_S: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const ENDS: readonly InvokeEnd[] = ['ok', 'error', 'timeout', 'disconnected', 'aborted'];
const END_INDEX: Readonly<Record<InvokeEnd, number>> = { ok: 0, error: 1, timeout: 2, disconnected: 3, aborted: 4 };
/** Commands come from approved node surfaces; a cap still bounds label cardinality. */
const MAX_COMMANDS = 256;
const OTHER = '_other';

class CommandStats {
  readonly ends = new Float64Array(ENDS.length);
  /** Per-bucket counts, not cumulative; the last slot is +Inf. */
  readonly buckets = new Float64Array(LATENCY_BUCKETS_S.length + 1);
  sum = 0;
}

/**
 * Invokes by command and how they ended, with a latency histogram per command. Recording is
 * one Map lookup and a few array increments: nothing is allocated after a command's first call.
 */
export class InvokeMetrics {
  private readonly byCommand = new Map<string, CommandStats>();

  record(command: string, end: InvokeEnd, durationMs: number): void {
    let stats = this.byCommand.get(command);
    if (stats === undefined) {
      const key = this.byCommand.size < MAX_COMMANDS ? command : OTHER;
      stats = this.byCommand.get(key) ?? new CommandStats();
      this.byCommand.set(key, stats);
    }
    stats.ends[END_INDEX[end]]++;
    const seconds = durationMs / 1000;
    let i = 0;
    while (i < LATENCY_BUCKETS_S.length && seconds > LATENCY_BUCKETS_S[i]) i++;
    stats.buckets[i]++;
    stats.sum += seconds;
  }

  write(out: PrometheusText): void {
    out.family('openclaw_node_invokes_total', 'counter', 'Invokes sent to nodes, by command and outcome (ok, error, timeout, disconnected, aborted).');
    for (const [command, stats] of this.byCommand) {
      ENDS.forEach((outcome, i) => out.sample('openclaw_node_invokes_total', stats.ends[i], { command, outcome }));
    }
    out.family('openclaw_node_invoke_duration_seconds', 'histogram', 'Time from sending an invoke to its end, by command.');
    for (const [command, stats] of this.byCommand) {
      let cumulative = 0;
      LATENCY_BUCKETS_S.forEach((le, i) => {
        cumulative += stats.buckets[i];
        out.sample('openclaw_node_invoke_duration_seconds_bucket', cumulative, { command, le: String(le) });
      });
      cumulative += stats.buckets[LATENCY_BUCKETS_S.length];
      out.sample('openclaw_node_invoke_duration_seconds_bucket', cumulative, { command, le: '+Inf' });
      out.sample('openclaw_node_invoke_duration_seconds_sum', stats.sum, { command });
      out.sample('openclaw_node_invoke_duration_seconds_count', cumulative, { command });
    }
  }
}
