import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { UNSAFE_TEXT } from '@openclaw-nodes/core/printable';
import type { HttpEnv } from '../http/http-env.js';
import { controlPage, mountControlAssets } from './control-page.js';

const app = new Hono<HttpEnv>();
app.get('/', () => controlPage());
mountControlAssets(app);

describe('control page', () => {
  it('is served with a policy that allows only its own script, styles, API, and snapshot and recording blobs', async () => {
    const res = await app.request('/');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).toContain('<script src="/ui/control.js" defer></script>');
    expect(html).not.toMatch(/<script>|\son\w+="/);
  });

  it('serves its script and style sheet; the script renders text only and never uses cookies', async () => {
    const js = await app.request('/ui/control.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await js.text();
    expect(source).toContain("authorization: `Bearer ${token}`");
    expect(source).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|document\.cookie|localStorage/);
    expect((await app.request('/ui/control.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('shows peer text with the same unsafe characters replaced as the CLI does', async () => {
    const source = await (await app.request('/ui/control.js')).text();
    expect(source).toContain(`.replace(/${UNSAFE_TEXT.source}/g, '?')`);
  });
});
