import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExecFixture, startFullExecGateway } from './exec-fixture.js';

const NODE = 'Secrets Node';
// Something of the node host's own environment that no approved command was given.
const CANARY = `node-canary-${Date.now()}`;
let fx: Awaited<ReturnType<typeof startExecFixture>>;

const FALLBACK = 'exec denied: approval required, and no operator answered within 1 s (askFallback=deny)';

beforeAll(async () => {
  fx = await startExecFixture(NODE, { nodeEnv: { NODE_CANARY: CANARY } });
  // What is not covered waits for an operator; nobody answers here, so it ends after a second.
  await fx.config('set', 'tools.exec.approvalTimeoutMs', '1000');
}, 60_000);
afterAll(async () => {
  await fx?.stop();
});

const nodesRun = async (...args: string[]) => {
  const { code, stdout, stderr } = await fx.run('nodes', 'run', '--node', NODE, ...args);
  return { code, output: stdout + stderr };
};

describe('a heredoc fed to a safe bin under the default node policy', () => {
  // The shell expands $NAME in an unquoted heredoc body: `head` would print the host's variable.
  it.each([
    'head <<EOF\n$NODE_CANARY\nEOF',
    'head <<EOF\n${NODE_CANARY}\nEOF',
    'wc -c <<-EOF\n\tx ${NODE_CANARY:-} y\n\tEOF',
    'tr a a <<EOF\nprefix$NODE_CANARY\nEOF',
  ])('is not covered when its body expands a variable: %j', async (script) => {
    await fx.setApprovals(['--node', NODE], { version: 1, defaults: {}, agents: {} });
    const run = await nodesRun('--raw', script);
    expect(run).toMatchObject({ code: 1, output: expect.stringMatching(/^waiting for approval /) });
    expect(run.output).toContain(`nodes run failed: ${FALLBACK}`);
    expect(run.output).not.toContain(CANARY);
  });

  it('still runs when the body is literal (a quoted delimiter)', async () => {
    await fx.setApprovals(['--node', NODE], { version: 1, defaults: {}, agents: {} });
    expect(await nodesRun('--raw', "head <<'EOF'\n$NODE_CANARY\nEOF")).toEqual({ code: 0, output: '$NODE_CANARY\n' });
    expect(await nodesRun('--raw', 'head <<EOF\nplain text\nEOF')).toEqual({ code: 0, output: 'plain text\n' });
  });

  it('is refused the same way for host=gateway under the gateway defaults', async () => {
    const res = await fx.http({ tool: 'exec', args: { command: 'head <<EOF\n$OPENCLAW_STATE_DIR $HOME\nEOF', host: 'gateway' } });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'EXEC_DENIED', message: FALLBACK } });
  });
});

describe('a gateway whose token is a ${VAR} reference in openclaw.json', () => {
  it('keeps that variable out of its host=gateway commands, their environment and its /proc environ', async () => {
    const secret = `ref-secret-${Date.now()}`;
    const env: NodeJS.ProcessEnv = { ...process.env, GW_REF_SECRET: secret };
    delete env.OPENCLAW_GATEWAY_TOKEN;
    const config = { gateway: { auth: { token: '${GW_REF_SECRET}' } }, tools: { exec: { security: 'full', ask: 'off' } } };
    const gateway = await startFullExecGateway(config, env);
    try {
      const body = await gateway.exec('env; echo "ref=$GW_REF_SECRET"; tr "\\0" "\\n" < /proc/$PPID/environ', secret);
      // The token still works (the request was let in with it), the command ran, and printed nothing of it.
      expect(body).toMatchObject({ ok: true, result: { exitCode: 0, stdout: expect.stringContaining('ref=\n') } });
      expect(body.result.stdout).toContain('OPENCLAW_STATE_DIR=');
      expect(JSON.stringify(body)).not.toContain(secret);
    } finally {
      await gateway.stop();
    }
  });
});
