import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { HttpEnv } from '../http/http-env.js';

const ASSETS = new URL('../../src/web/assets/', import.meta.url);

/**
 * The page carries no data: everything it shows it fetches with the bearer token the user
 * typed in, so the HTML and script may be public. The policy allows only this origin's own
 * script, styles, API calls, snapshot and recording blobs, and no framing.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; media-src 'self' blob:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OpenClaw gateway</title>
<link rel="stylesheet" href="/ui/control.css">
<script src="/ui/control.js" defer></script>
</head>
<body>
<header><h1>OpenClaw gateway</h1><span id="status" role="status">signed out</span><button id="signout" type="button" hidden>Sign out</button></header>
<section id="signin">
  <form id="signin-form">
    <label for="token">Gateway token</label>
    <input id="token" name="token" type="password" autocomplete="off" required>
    <button type="submit">Sign in</button>
  </form>
  <p id="signin-error" class="error" role="alert"></p>
</section>
<main id="app" hidden>
  <section><h2>Pending requests</h2><p id="pending-empty">None.</p>
    <table id="pending"><thead><tr><th>Node</th><th>Needs</th><th>IP</th><th>Code</th><th>Commands</th><th></th></tr></thead><tbody></tbody></table>
    <p class="hint">Compare a node's code with the one its node host printed before approving; type it in to have the gateway check it.</p></section>
  <section id="exec-approvals-section"><h2>Commands waiting for approval</h2><p id="exec-approvals-empty">None.</p>
    <table id="exec-approvals"><thead><tr><th>Node</th><th>Agent</th><th>Command</th><th>Program</th><th>Cwd</th><th>Expires</th><th></th></tr></thead><tbody></tbody></table></section>
  <section><h2>Nodes</h2><p id="nodes-empty">No nodes yet.</p>
    <table id="nodes"><thead><tr><th>Name</th><th>Id</th><th>IP</th><th>State</th><th>Commands</th><th>Permissions</th><th></th></tr></thead><tbody></tbody></table></section>
  <section><h2>Run a command</h2>
    <form id="run-form">
      <label>Node <select id="run-node"></select></label>
      <label>Command <select id="run-command"></select></label>
      <label>Params <input id="run-params" spellcheck="false"></label>
      <button type="submit">Run</button>
    </form>
    <pre id="run-output" aria-live="polite"></pre>
    <img id="snapshot" alt="canvas snapshot" hidden>
  </section>
  <section><h2>Camera and screen</h2>
    <p>On the node chosen above: <button id="camera-snap" type="button">Camera snapshot</button>
      <button id="screen-record" type="button">Record screen (3 s)</button></p>
    <p id="media-output" aria-live="polite"></p>
    <img id="camera-shot" alt="camera snapshot" hidden>
    <video id="screen-clip" controls muted playsinline hidden></video>
  </section>
  <section><h2>Events</h2><ol id="events"></ol></section>
</main>
</body>
</html>
`;

let assets: { js: string; css: string } | undefined;
const load = () => (assets ??= { js: readFileSync(new URL('control.js', ASSETS), 'utf8'), css: readFileSync(new URL('control.css', ASSETS), 'utf8') });

/** The control page's HTML, for `GET /` when it is not a WebSocket upgrade. */
export function controlPage(): Response {
  return new Response(PAGE, { headers: { ...PAGE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' } });
}

/**
 * Serves the control page's script and style sheet under `/ui/`.
 *
 * @example
 * mountControlAssets(app);
 */
export function mountControlAssets(app: Hono<HttpEnv>): void {
  app.get('/ui/control.js', () => new Response(load().js, { headers: { ...PAGE_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8' } }));
  app.get('/ui/control.css', () => new Response(load().css, { headers: { ...PAGE_HEADERS, 'Content-Type': 'text/css; charset=utf-8' } }));
}
