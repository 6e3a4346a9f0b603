import { describe, expect, it } from 'vitest';
import { makeServiceSpec } from '../../../../test/support/service-spec.js';
import { buildSystemdUnit, environmentAssignment, execArgument } from './systemd-unit.js';

describe('systemd unit text', () => {
  it('quotes every command argument and escapes specifiers, variables, quotes and backslashes', () => {
    expect(execArgument('Build 100% "$HOME" \\')).toBe('"Build 100%% \\"$$HOME\\" \\\\"');
    expect(environmentAssignment('OPENCLAW_STATE_DIR', '/srv/100% $x')).toBe('"OPENCLAW_STATE_DIR=/srv/100%% $x"');
  });

  it('refuses a line break, which would start a directive of its own', () => {
    expect(() => buildSystemdUnit(makeServiceSpec({ command: ['/usr/bin/node', 'x\nExecStartPre=/bin/sh'] }))).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }));
    expect(() => buildSystemdUnit(makeServiceSpec({ envFile: '/a\n[Service]' }))).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }));
  });

  it('names the env file but holds no secret, and restarts on failure within a start limit', () => {
    const unit = buildSystemdUnit(makeServiceSpec());
    expect(unit).toMatch(/^EnvironmentFile=\/home\/u\/state dir\/\.openclaw\/openclaw-node\.env$/m);
    expect(unit).toMatch(/^Restart=on-failure\nRestartSec=5$/m);
    expect(unit).toMatch(/^StartLimitIntervalSec=600\nStartLimitBurst=5$/m);
    expect(unit).not.toMatch(/TOKEN/);
  });
});
