import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium, CHROMIUM } from '../canvas/desktop-node.js';
import { api, httpBase, startNode, type TestGateway } from '../http/http-kit.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// A command whose text is markup: the prompt must show it as text.
const HOSTILE = `echo '<img src=x onerror="window.pwned=1">'`;

let gw: TestGateway;
let browser: Browser;
let page: Page;
const stops: Array<() => Promise<void> | void> = [];

const prompt = (text: string) => page.locator('#exec-approvals tbody tr', { hasText: text });
const exec = async (command: string) => {
  const res = await fetch(`${httpBase(gw)}/tools/invoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ tool: 'exec', args: { command, timeout: 30 } }),
  });
  return { status: res.status, body: (await res.json()) as any };
};

beforeAll(async () => {
  requireChromium();
  gw = await startTestGateway({ autoApproveLocal: false, exec: { config: () => ({ tools: { exec: { host: 'node', security: 'allowlist', ask: 'on-miss' } } }) } });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  page = await browser.newPage();
  await page.goto(httpBase(gw));
  await page.fill('#token', TEST_TOKEN);
  await page.click('#signin-form button');
  await page.locator('#status', { hasText: /^live$/ }).waitFor({ timeout: 15_000 });
}, 60_000);
afterAll(async () => {
  while (stops.length) await stops.pop()!();
  await browser?.close();
  await gw?.stop();
});

describe('web control page: pairing code and live exec approval prompts (Chromium)', () => {
  it('shows the verification code of a node asking to pair, and approves with it', async () => {
    const node = await startNode(gw, 'Prompt Node');
    stops.push(node.stop);
    const row = page.locator('#pending tbody tr', { hasText: 'Prompt Node' });
    await row.waitFor({ timeout: 10_000 });
    const { verificationCode } = (await api(gw, '/v1/pairing')).json.pending[0];
    expect(verificationCode).toMatch(/^\d{4}-\d{4}$/);
    expect(await row.locator('td.verification-code').textContent()).toBe(verificationCode);
    await row.getByRole('textbox', { name: 'Verification code' }).fill(verificationCode);
    await row.getByRole('button', { name: 'Approve' }).click();
    await page.locator('#nodes tbody tr', { hasText: 'Prompt Node' }).locator('td.state', { hasText: /^connected$/ }).waitFor({ timeout: 15_000 });
  });

  it('prompts live for a command the node allowlist misses; Allow once runs it, Deny refuses the next', async () => {
    const ran = exec(HOSTILE);
    // Nobody reloads: the request arrives over the event stream.
    await prompt('onerror').waitFor({ timeout: 15_000 });
    expect(await prompt('onerror').locator('td.command').textContent()).toBe(HOSTILE);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    await prompt('onerror').getByRole('button', { name: 'Allow once' }).click();
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed', stdout: '<img src=x onerror="window.pwned=1">\n' } } });
    await poll(async () => (expect(await prompt('onerror').count()).toBe(0), true), 'no prompt left with an onerror handler');

    const denied = exec('echo denied-from-page');
    await prompt('denied-from-page').waitFor({ timeout: 15_000 });
    await prompt('denied-from-page').getByRole('button', { name: 'Deny' }).click();
    expect(await denied).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED' } } });
  });
});
