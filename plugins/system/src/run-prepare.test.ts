import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApprovalsStore } from './approvals-store.js';
import { ExecHost } from './exec-host.js';
import { prepareRun } from './run-prepare.js';
import { prepareParams } from './run-schemas.js';

const dir = mkdtempSync(join(tmpdir(), 'openclaw-prepare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const host = new ExecHost({ store: new ApprovalsStore(dir), config: () => undefined, env: { PATH: '/usr/bin:/bin', HOME: dir }, cwd: dir });
const uname = execFileSync('/bin/sh', ['-c', 'PATH=/usr/bin:/bin command -v uname'], { encoding: 'utf8' }).trim();

describe('system.run.prepare', () => {
  it('resolves the executable into the plan, as the captured real node answer does', async () => {
    const result = await prepareRun(host, prepareParams.parse({ command: ['uname', '-a'], rawCommand: 'uname -a' }));
    expect(result).toEqual({
      planHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      plan: {
        argv: [uname, '-a'],
        cwd: dir,
        commandText: `${uname} -a`,
        commandPreview: 'uname -a',
        agentId: null,
        sessionKey: null,
        policySnapshot: { security: 'allowlist', ask: 'on-miss', askFallback: 'deny', autoAllowSkills: false, allowlistRules: [] },
      },
      execPolicy: { security: 'allowlist', ask: 'on-miss' },
      allowAlwaysCoverage: { complete: true, patterns: [{ pattern: realpathSync(uname) }] },
      allowlistSatisfied: false,
    });
  });

  it("says whether this node's allowlist and safe bins cover the command, as system.run will judge it", async () => {
    const safeBin = await prepareRun(host, prepareParams.parse({ command: ['/bin/sh', '-lc', 'head -n 1'] }));
    expect(safeBin.allowlistSatisfied).toBe(true);
    const miss = await prepareRun(host, prepareParams.parse({ command: ['/bin/sh', '-lc', 'head -n 1 && uname'] }));
    expect(miss.allowlistSatisfied).toBe(false);
  });

  it('keeps a shell wrapper as it is and reports incomplete coverage for what cannot be analysed', async () => {
    const result = await prepareRun(host, prepareParams.parse({ command: ['/bin/sh', '-lc', 'uname > out'] }));
    expect(result.plan.argv).toEqual(['/bin/sh', '-lc', 'uname > out']);
    expect(result.allowAlwaysCoverage).toEqual({ complete: false, patterns: [] });
  });
});
