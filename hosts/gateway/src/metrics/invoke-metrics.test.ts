import { describe, expect, it } from 'vitest';
import { InvokeMetrics } from './invoke-metrics.js';
import { PrometheusText } from './prometheus-text.js';

describe('InvokeMetrics', () => {
  it('counts outcomes per command and fills cumulative latency buckets', () => {
    const m = new InvokeMetrics();
    m.record('system.which', 'ok', 0.3);
    m.record('system.which', 'ok', 3);
    m.record('system.which', 'timeout', 60_000);
    const out = new PrometheusText();
    m.write(out);
    const text = out.toString();
    expect(text).toContain('openclaw_node_invokes_total{command="system.which",outcome="ok"} 2\n');
    expect(text).toContain('openclaw_node_invokes_total{command="system.which",outcome="timeout"} 1\n');
    expect(text).toContain('openclaw_node_invoke_duration_seconds_bucket{command="system.which",le="0.0005"} 1\n');
    expect(text).toContain('openclaw_node_invoke_duration_seconds_bucket{command="system.which",le="0.0025"} 1\n');
    expect(text).toContain('openclaw_node_invoke_duration_seconds_bucket{command="system.which",le="0.005"} 2\n');
    expect(text).toContain('openclaw_node_invoke_duration_seconds_bucket{command="system.which",le="30"} 2\n');
    expect(text).toContain('openclaw_node_invoke_duration_seconds_bucket{command="system.which",le="+Inf"} 3\n');
    expect(text).toContain('openclaw_node_invoke_duration_seconds_count{command="system.which"} 3\n');
  });
});

describe('PrometheusText', () => {
  it('escapes label values and help text', () => {
    const text = new PrometheusText().family('x_total', 'counter', 'a\\b\nc').sample('x_total', 1, { command: 'a"b\\c\nd' }).toString();
    expect(text).toBe('# HELP x_total a\\\\b\\nc\n# TYPE x_total counter\nx_total{command="a\\"b\\\\c\\nd"} 1\n');
  });
});
