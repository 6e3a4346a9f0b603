import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHostEnvironment, type PluginHost } from '@openclaw-nodes/core/plugin';
import { makeContext, makeHost } from '../../../test/fixtures/plugins/plugin-factories.js';
import { alive, chromiumProcesses, descendants } from '../../../test/canvas/processes.js';
import { startXvfb, type Xvfb } from '../../../test/canvas/xvfb.js';
import { freePort } from '../../../test/support/free-port.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { canvasPlugin } from './index.js';
import { poll } from '../../../test/support/poll.js';

let xvfb: Xvfb;
let host: PluginHost;
let dir: { path: string; cleanup: () => void };
const invoke = (command: string, params?: unknown) => host.invoke(command, params, makeContext(command));
const evalJs = async (javaScript: string) => ((await invoke('canvas.eval', { javaScript })) as { result: string }).result;
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected the command to fail'), (err: unknown) => err as { code: string; message: string });

beforeAll(async () => {
  xvfb = await startXvfb();
  dir = tempDir('openclaw-canvas-plugin-');
  host = makeHost({ hostKind: 'desktop', hostEnv: detectHostEnvironment({ ...process.env, DISPLAY: xvfb.display }) });
  host.load([canvasPlugin]);
  await host.start();
});

afterAll(async () => {
  await host?.stop();
  await xvfb?.stop();
  dir?.cleanup();
});

function page(name: string, title: string, body = ''): string {
  const path = join(dir.path, name);
  writeFileSync(path, `<!doctype html><title>${title}</title><body style="margin:0">${body}</body>`);
  return path;
}

/** The canvas window's line in the X server's window tree: `"<title>": (...) 1280x720+0+0 ...`. */
function windowLine(title: string): string {
  const tree = execFileSync('xwininfo', ['-root', '-tree', '-display', xvfb.display], { encoding: 'utf8' });
  return tree.split('\n').find((line) => line.includes(`"${title}"`)) ?? '';
}

describe('canvas plugin on a display', () => {
  it('declares every canvas command as a foreground command and reports the canvas permission', async () => {
    expect(host.commands().sort()).toEqual(
      ['canvas.a2ui.push', 'canvas.a2ui.pushJSONL', 'canvas.a2ui.reset', 'canvas.eval', 'canvas.hide', 'canvas.navigate', 'canvas.present', 'canvas.snapshot'],
    );
    expect(host.commands().every((c) => host.commandSpec(c)?.foreground === true)).toBe(true);
    expect(await host.permissions()).toEqual({ canvas: true });
  });

  it('opens a real window on the display, presents a page in it at a placement, and evaluates scripts there', async () => {
    await poll(() => (expect(windowLine('OpenClaw Canvas')).toMatch(/1280x720\+0\+0/), true), 'the canvas window at 1280x720+0+0');
    await invoke('canvas.present', { path: page('one.html', 'Page One'), placement: { x: 20, y: 30, width: 800, height: 600 } });
    expect(await evalJs('document.title')).toBe('Page One');
    await poll(() => (expect(windowLine('Page One')).toMatch(/800x600\+20\+30/), true), 'Page One at 800x600+20+30');
    expect(await evalJs('[innerWidth, innerHeight]')).toBe('[800,600]');
    expect(await evalJs('let n = 40; n + 2')).toBe('42');
    expect(await evalJs('({ a: 1, b: [true] })')).toBe('{"a":1,"b":[true]}');
    expect(await evalJs('await new Promise((r) => setTimeout(() => r("later"), 20))')).toBe('later');
    expect(await evalJs('document.body')).toBe('[object HTMLBodyElement]');
    expect(await evalJs('undefined')).toBe('');
  });

  it('reports a throwing or endless script as CANVAS_EVAL_FAILED and keeps working', async () => {
    const thrown = await failure(invoke('canvas.eval', { javaScript: 'nope.value' }));
    expect(thrown).toMatchObject({ code: 'CANVAS_EVAL_FAILED', message: 'CANVAS_EVAL_FAILED: ReferenceError: nope is not defined' });
    const endless = await failure(host.invoke('canvas.eval', { javaScript: 'while (true) {}' }, makeContext('canvas.eval', { timeoutMs: 1_500 })));
    expect(endless).toMatchObject({ code: 'CANVAS_EVAL_FAILED', message: 'CANVAS_EVAL_FAILED: script did not finish within 1000 ms' });
    expect(await evalJs('1 + 1')).toBe('2');
  });

  it('rejects bad params and targets with coded errors before touching the window', async () => {
    expect(await failure(invoke('canvas.eval', {}))).toMatchObject({ code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: javaScript required' });
    expect(await failure(invoke('canvas.navigate', undefined))).toMatchObject({ code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: url required' });
    expect((await failure(invoke('canvas.present', { url: 'https://a.example', path: '/tmp' }))).message).toContain('give url or path, not both');
    expect((await failure(invoke('canvas.snapshot', { format: 'gif' }))).message).toContain('format must be png, jpeg or jpg');
    expect((await failure(invoke('canvas.snapshot', { quality: 2 }))).message).toContain('quality must be between 0 and 1');
    expect((await failure(invoke('canvas.snapshot', { maxWidth: 10.5 }))).message).toContain('maxWidth must be an integer');
    expect((await failure(invoke('canvas.present', { placement: { width: 0 } }))).code).toBe('INVALID_REQUEST');
    for (const [target, text] of [
      ['javascript:alert(1)', 'javascript: URLs cannot be shown'],
      ['chrome://settings', 'chrome: URLs cannot be shown'],
      ['relative/page.html', 'is neither a URL nor an absolute path'],
      [join(dir.path, 'missing.html'), 'does not exist on this node'],
      [dir.path, 'is a directory without index.html'],
    ]) {
      const err = await failure(invoke('canvas.navigate', { url: target }));
      expect(err.code).toBe('CANVAS_TARGET_INVALID');
      expect(err.message).toContain(text);
    }
    const closed = await failure(invoke('canvas.navigate', { url: `http://127.0.0.1:${await freePort()}/` }));
    expect(closed.code).toBe('CANVAS_NAVIGATION_FAILED');
    expect(closed.message).toMatch(/^CANVAS_NAVIGATION_FAILED: http:\/\/127\.0\.0\.1:\d+\/ did not load: net::ERR_CONNECTION_REFUSED/);
  });

  it('hides the window off screen, keeps its page, and shows it again for the next capture', async () => {
    await invoke('canvas.present', { path: join(dir.path, 'one.html') });
    await invoke('canvas.hide');
    // X applies a move asynchronously; poll the window's geometry rather than read it once.
    await poll(() => (expect(windowLine('Page One')).toMatch(/\+-32000\+-32000/), true), 'Page One moved off screen');
    await invoke('canvas.navigate', { url: page('two.html', 'Page Two') });
    await poll(() => (expect(windowLine('Page Two')).toMatch(/\+-32000\+-32000/), true), 'Page Two moved off screen');
    const shot = (await invoke('canvas.snapshot', { format: 'png' })) as { width: number };
    expect(shot.width).toBe(800);
    await poll(() => (expect(windowLine('Page Two')).toMatch(/800x600\+20\+30/), true), 'Page Two back at 800x600+20+30');
  });

  it('renders every standard A2UI v0.8 component with literal and data-model bindings', async () => {
    const c = (id: string, component: Record<string, unknown>) => ({ id, component });
    const text = (literal: string) => ({ literalString: literal });
    const messages = [
      { dataModelUpdate: { surfaceId: 'main', contents: [{ key: 'user', valueMap: [{ key: 'name', valueString: 'Ada' }, { key: 'vip', valueBoolean: true }] }] } },
      { dataModelUpdate: { surfaceId: 'main', path: '/items', contents: [{ key: 'a', valueMap: [{ key: 'label', valueString: 'first' }] }, { key: 'b', valueMap: [{ key: 'label', valueString: 'second' }] }] } },
      {
        surfaceUpdate: {
          surfaceId: 'main',
          components: [
            c('root', { Column: { children: { explicitList: ['title', 'name', 'row', 'card', 'list', 'tabs', 'modal', 'divider', 'inputs', 'media'] } } }),
            c('title', { Text: { text: text('Dashboard'), usageHint: 'h1' } }),
            c('name', { Text: { text: { path: '/user/name' } } }),
            c('row', { Row: { children: { explicitList: ['icon', 'image'] }, distribution: 'spaceBetween' } }),
            c('icon', { Icon: { name: text('home') } }),
            c('image', { Image: { url: text('data:image/gif;base64,R0lGODlhAQABAAAAACw='), usageHint: 'avatar' } }),
            c('card', { Card: { child: 'go' } }),
            c('go', { Button: { child: 'go-label', primary: true, action: { name: 'go', context: [{ key: 'who', value: { path: '/user/name' } }] } } }),
            c('go-label', { Text: { text: text('Go') } }),
            c('list', { List: { children: { template: { componentId: 'item', dataBinding: '/items' } } } }),
            c('item', { Text: { text: { path: 'label' } } }),
            c('tabs', { Tabs: { tabItems: [{ title: text('One'), child: 'tab-one' }, { title: text('Two'), child: 'tab-two' }] } }),
            c('tab-one', { Text: { text: text('first tab') } }),
            c('tab-two', { Text: { text: text('second tab') } }),
            c('modal', { Modal: { entryPointChild: 'open', contentChild: 'modal-body' } }),
            c('open', { Button: { child: 'open-label', action: { name: 'open' } } }),
            c('open-label', { Text: { text: text('Open') } }),
            c('modal-body', { Text: { text: text('In the modal') } }),
            c('divider', { Divider: { axis: 'horizontal' } }),
            c('inputs', { Column: { children: { explicitList: ['check', 'field', 'slider', 'choice', 'when'] } } }),
            c('check', { CheckBox: { label: text('VIP'), value: { path: '/user/vip' } } }),
            c('field', { TextField: { label: text('Name'), text: { path: '/user/name' } } }),
            c('slider', { Slider: { value: { literalNumber: 30 }, minValue: 0, maxValue: 50 } }),
            c('choice', { MultipleChoice: { selections: { literalArray: ['b'] }, options: [{ label: text('A'), value: 'a' }, { label: text('B'), value: 'b' }], maxAllowedSelections: 1 } }),
            c('when', { DateTimeInput: { value: text('2026-02-14'), enableDate: true } }),
            c('media', { Row: { children: { explicitList: ['video', 'audio'] } } }),
            c('video', { Video: { url: text('https://video.example/clip.mp4') } }),
            c('audio', { AudioPlayer: { url: text('https://audio.example/a.mp3'), description: text('Theme') } }),
          ],
        },
      },
      { beginRendering: { surfaceId: 'main', root: 'root', styles: { primaryColor: '#00AA00' } } },
    ];
    expect(await invoke('canvas.a2ui.push', { messages })).toEqual({ ok: true, surfaces: ['main'] });

    const types = JSON.parse(await evalJs('[...new Set([...document.querySelectorAll("[data-a2ui-type]")].map((e) => e.dataset.a2uiType))].sort()'));
    expect(types).toEqual(
      ['AudioPlayer', 'Button', 'Card', 'CheckBox', 'Column', 'DateTimeInput', 'Divider', 'Icon', 'Image', 'List', 'Modal', 'MultipleChoice', 'Row', 'Slider', 'Tabs', 'Text', 'TextField', 'Video'].sort(),
    );
    expect(await evalJs('document.querySelector("h1").textContent')).toBe('Dashboard');
    expect(await evalJs('document.querySelector("[data-a2ui-id=name]").textContent')).toBe('Ada');
    expect(await evalJs('[...document.querySelectorAll("[data-a2ui-id=item]")].map((e) => e.textContent).join(",")')).toBe('first,second');
    expect(await evalJs('document.querySelector("[data-a2ui-id=check] input").checked')).toBe('true');
    expect(await evalJs('document.querySelector("[data-a2ui-id=field] input").value')).toBe('Ada');
    expect(await evalJs('document.querySelector("[data-a2ui-id=choice] input:checked").value')).toBe('b');
    expect(await evalJs('getComputedStyle(document.querySelector("[data-a2ui-id=go]")).backgroundColor')).toBe('rgb(0, 170, 0)');
    expect(await evalJs('document.querySelector("[data-a2ui-id=go]").click(); JSON.stringify(openclawA2UI.getActions())')).toBe(
      '[{"name":"go","surfaceId":"main","componentId":"go","context":{"who":"Ada"}}]',
    );

    // A later data update re-renders the bound text; deleteSurface removes the surface.
    await invoke('canvas.a2ui.pushJSONL', { jsonl: '{"dataModelUpdate":{"surfaceId":"main","path":"/user/name","contents":[]}}\n' });
    await invoke('canvas.a2ui.pushJSONL', { jsonl: '{"dataModelUpdate":{"surfaceId":"main","path":"/user","contents":[{"key":"name","valueString":"Grace"}]}}' });
    expect(await evalJs('document.querySelector("[data-a2ui-id=name]").textContent')).toBe('Grace');
    expect(await invoke('canvas.a2ui.pushJSONL', { jsonl: '{"deleteSurface":{"surfaceId":"main"}}' })).toEqual({ ok: true, surfaces: [] });
    expect(await evalJs('document.querySelectorAll(".a2ui-surface").length')).toBe('0');
  });

  it('shows a broken component as a visible problem instead of failing the push', async () => {
    const jsonl = [
      JSON.stringify({ surfaceUpdate: { surfaceId: 'x', components: [{ id: 'root', component: { Column: { children: { explicitList: ['gone', 'loop'] } } } }, { id: 'loop', component: { Card: { child: 'loop' } } }] } }),
      JSON.stringify({ beginRendering: { surfaceId: 'x', root: 'root' } }),
    ].join('\n');
    expect(await invoke('canvas.a2ui.pushJSONL', { jsonl })).toEqual({ ok: true, surfaces: ['x'] });
    expect(JSON.parse(await evalJs('JSON.stringify([...document.querySelectorAll(".a2ui-problem")].map((e) => e.textContent))'))).toEqual([
      'missing component gone',
      'component loop contains itself',
    ]);
    expect(await invoke('canvas.a2ui.reset')).toEqual({ ok: true });
    expect(await evalJs('openclawA2UI.getSurfaces().length')).toBe('0');
  });

  it('rejects A2UI v0.9 and malformed lines with 1-based line numbers, and pushes nothing', async () => {
    const v09 = await failure(invoke('canvas.a2ui.pushJSONL', { jsonl: '{"beginRendering":{"surfaceId":"a","root":"r"}}\n\n{"createSurface":{"surfaceId":"a"}}' }));
    expect(v09).toMatchObject({
      code: 'A2UI_UNSUPPORTED_VERSION',
      message: 'A2UI_UNSUPPORTED_VERSION: A2UI JSONL line 3: looks like A2UI v0.9 (createSurface); this canvas supports v0.8 only',
    });
    const bad = await failure(invoke('canvas.a2ui.pushJSONL', { jsonl: '[1]\n{"surfaceUpdate":{"surfaceId":"a"},"deleteSurface":{"surfaceId":"a"}}\n{oops\n{"beginRendering":{"surfaceId":"a"}}' }));
    expect(bad.code).toBe('A2UI_INVALID_MESSAGE');
    expect(bad.message).toContain('A2UI JSONL line 1: expected a JSON object');
    expect(bad.message).toContain('A2UI JSONL line 2: expected exactly one of beginRendering, surfaceUpdate, dataModelUpdate, deleteSurface; found: surfaceUpdate, deleteSurface');
    expect(bad.message).toMatch(/A2UI JSONL line 3: invalid JSON/);
    expect(bad.message).toContain("A2UI JSONL line 4: beginRendering: must have required property 'root'");
    const viaMessages = await failure(invoke('canvas.a2ui.push', { messages: [{ deleteSurface: { surfaceId: 'a' } }, { surfaceUpdate: { surfaceId: 'a', components: [{ id: 'r', component: {} }] } }] }));
    expect(viaMessages.message).toContain('A2UI message 2: surfaceUpdate: components[0].component: must name exactly one component type');
    expect((await failure(invoke('canvas.a2ui.pushJSONL', { jsonl: ' \n ' }))).message).toBe('INVALID_REQUEST: jsonl required');
    expect((await failure(invoke('canvas.a2ui.push', {}))).message).toBe('INVALID_REQUEST: messages required');
    expect(await evalJs('openclawA2UI.getSurfaces().length')).toBe('0');
  });

  it('accepts {jsonl} on canvas.a2ui.push when messages is missing', async () => {
    const jsonl = '{"surfaceUpdate":{"surfaceId":"j","components":[{"id":"t","component":{"Text":{"text":{"literalString":"from jsonl"}}}}]}}\n{"beginRendering":{"surfaceId":"j","root":"t"}}';
    expect(await invoke('canvas.a2ui.push', { jsonl })).toEqual({ ok: true, surfaces: ['j'] });
    expect(await evalJs('document.querySelector("[data-surface-id=j]").textContent')).toBe('from jsonl');
  });

  it('opens a new window when the user closed the old one', async () => {
    const before = chromiumProcesses(descendants(process.pid)).map((p) => p.pid);
    await invoke('canvas.present', { path: page('closing.html', 'Closing') });
    const windowId = windowLine('Closing').trim().split(' ')[0];
    // As a user's "force close" does: the X server drops the browser's connection.
    execFileSync('xkill', ['-display', xvfb.display, '-id', windowId], { stdio: 'ignore' });
    // At once, before the node has noticed: the command runs in a new window on the default page.
    expect(await evalJs('document.title')).toBe('OpenClaw Canvas');
    await poll(() => (expect(alive(before).length).toBe(0), true), 'the earlier browsers gone');
    expect(await host.permissions()).toEqual({ canvas: true });
  });

  it('closes Chromium and every helper process when the plugin stops', async () => {
    const browsers = chromiumProcesses(descendants(process.pid));
    expect(browsers.length).toBeGreaterThan(0);
    await host.stop();
    // The browser's helper processes exit on their own once it is gone; give them a moment.
    await poll(() => (expect(alive(browsers.map((p) => p.pid))).toEqual([]), true), 'every browser gone');
    await poll(() => (expect(windowLine('OpenClaw A2UI')).toBe(''), true), 'the A2UI window gone');
  });
});
