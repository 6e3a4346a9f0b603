// The gateway control page. Plain script, no build step: every request carries the token
// as a bearer header (never a cookie), and everything nodes report is rendered as text.
'use strict';
(() => {
  const TOKEN_KEY = 'openclaw.gateway.token';
  const PARAM_TEMPLATES = {
    'system.which': { bins: ['sh', 'uname'] },
    'system.run': { command: ['uname', '-a'] },
    'canvas.snapshot': { format: 'png', maxWidth: 1200 },
  };
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem(TOKEN_KEY);
  let stream;
  let nodes = [];
  let refreshTimer;

  class ApiError extends Error {
    constructor(status, error) {
      super(error && error.message ? `${error.code}: ${error.message}` : `HTTP ${status}`);
      this.status = status;
    }
  }

  async function api(path, { body, method = body === undefined ? 'GET' : 'POST' } = {}) {
    const headers = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    if (res.ok) return res;
    let error;
    try {
      error = (await res.json()).error;
    } catch {
      error = undefined;
    }
    throw new ApiError(res.status, error);
  }
  const getJson = async (path, init) => (await api(path, init)).json();

  /** An element with text children only: strings become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    node.append(...children.filter((c) => c !== undefined && c !== null));
    return node;
  }

  function setStatus(text, live) {
    $('status').textContent = text;
    $('status').classList.toggle('live', Boolean(live));
  }

  function showError(err) {
    if (err instanceof ApiError && err.status === 401) return signOut('The token was not accepted.');
    $('run-output').textContent = String(err.message || err);
  }

  async function signIn(candidate) {
    token = candidate;
    try {
      await getJson('/v1/nodes');
    } catch (err) {
      token = null;
      $('signin-error').textContent = err instanceof ApiError && err.status === 401 ? 'That token was not accepted.' : String(err.message || err);
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    $('signin').hidden = true;
    $('app').hidden = false;
    $('signout').hidden = false;
    $('signin-error').textContent = '';
    await refresh().catch(showError);
    openStream();
  }

  function signOut(message) {
    token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    if (stream) stream.abort();
    stream = undefined;
    $('app').hidden = true;
    $('signout').hidden = true;
    $('signin').hidden = false;
    $('signin-error').textContent = message || '';
    setStatus('signed out');
  }

  async function refresh() {
    // A token without operator.approvals still sees nodes; the approvals section stays hidden.
    const approvals = getJson('/v1/approvals').catch((err) => (err instanceof ApiError && err.status === 403 ? undefined : Promise.reject(err)));
    const [list, pairing, waiting] = await Promise.all([getJson('/v1/nodes'), getJson('/v1/pairing'), approvals]);
    nodes = list.nodes;
    renderPending(pairing.pending);
    renderApprovals(waiting);
    renderNodes();
    renderRunNodes();
  }
  function refreshSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => refresh().catch(showError), 100);
  }

  async function act(path, body, method = 'POST') {
    try {
      await api(path, { method, body });
    } catch (err) {
      showError(err);
    }
    await refresh().catch(showError);
  }

  function renderPending(pending) {
    $('pending-empty').hidden = pending.length > 0;
    const rows = pending.map((p) => {
      const id = encodeURIComponent(p.requestId);
      // The operator types the code the node host printed; the gateway compares it with its own.
      const code = p.verificationCode ? el('input', { class: 'code', size: '9', placeholder: 'code', 'aria-label': 'Verification code' }) : undefined;
      const approve = () => act(`/v1/pairing/${id}/approve`, code && code.value.trim() ? { code: code.value.trim() } : undefined);
      return el('tr', { 'data-request-id': p.requestId },
        el('td', {}, p.displayName || p.nodeId),
        el('td', {}, p.kind === 'device-pairing' ? 'device pairing' : 'commands'),
        el('td', {}, p.remoteIp || ''),
        el('td', { class: 'verification-code' }, p.verificationCode || ''),
        el('td', { class: 'commands' }, (p.commands || []).join(', ')),
        el('td', {}, code, code ? ' ' : undefined,
          el('button', { type: 'button', onclick: approve }, 'Approve'), ' ',
          el('button', { type: 'button', onclick: () => act(`/v1/pairing/${id}/reject`) }, 'Reject')));
    });
    $('pending').tBodies[0].replaceChildren(...rows);
  }

  /**
   * Text from a node or an agent, with control characters, line separators and invisible
   * formatting characters (bidi overrides and isolates, zero-width space, …) shown as `?`: a
   * prompt must show the command as it is, not reordered or split across lines. The same
   * characters as the CLI's `printable` (a test keeps them in sync).
   */
  function printable(text) {
    return String(text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g, '?');
  }

  /** Exec approval requests: a live prompt, refreshed on every `exec.approval.*` event. */
  function renderApprovals(waiting) {
    $('exec-approvals-section').hidden = waiting === undefined;
    const pending = waiting ? waiting.pending : [];
    $('exec-approvals-empty').hidden = pending.length > 0;
    const rows = pending.map((p) => {
      const answer = (decision) => act(`/v1/approvals/${encodeURIComponent(p.id)}`, { decision });
      const r = p.request;
      return el('tr', { 'data-approval-id': p.id },
        el('td', {}, r.host === 'gateway' ? 'gateway' : printable(r.nodeName || r.nodeId)),
        el('td', {}, printable(r.agentId)),
        el('td', { class: 'command' }, el('code', {}, printable(r.command))),
        el('td', {}, printable((r.programs || [r.resolvedPath]).filter(Boolean).join(', '))),
        el('td', {}, printable(r.cwd)),
        el('td', {}, new Date(p.expiresAtMs).toLocaleTimeString()),
        el('td', {},
          el('button', { type: 'button', onclick: () => answer('allow-once') }, 'Allow once'), ' ',
          el('button', { type: 'button', onclick: () => answer('allow-always') }, 'Always allow'), ' ',
          el('button', { type: 'button', onclick: () => answer('deny') }, 'Deny')));
    });
    $('exec-approvals').tBodies[0].replaceChildren(...rows);
  }

  function renameForm(n, cell) {
    const input = el('input', { value: n.displayName || '', 'aria-label': 'New name' });
    const save = async (event) => {
      event.preventDefault();
      await act(`/v1/nodes/${encodeURIComponent(n.nodeId)}`, { displayName: input.value }, 'PATCH');
    };
    cell.replaceChildren(el('form', { class: 'rename', onsubmit: save }, input, el('button', { type: 'submit' }, 'Save')));
    input.focus();
  }

  function renderNodes() {
    $('nodes-empty').hidden = nodes.length > 0;
    const rows = nodes.map((n) => {
      const name = el('td', { class: 'name' }, n.displayName || '');
      const state = n.connected ? 'connected' : 'offline';
      return el('tr', { 'data-node-id': n.nodeId },
        name,
        el('td', { class: 'id', title: n.nodeId }, n.nodeId.slice(0, 12)),
        el('td', {}, n.remoteIp || ''),
        el('td', { class: `state ${state}` }, n.approvalState === 'approved' ? state : `${state}, ${n.approvalState}`),
        el('td', { class: 'commands' }, n.commands.join(', ')),
        el('td', { class: 'permissions' }, Object.entries(n.permissions || {}).map(([name, granted]) => `${name}: ${granted ? 'on' : 'off'}`).join(', ')),
        el('td', {}, el('button', { type: 'button', onclick: () => renameForm(n, name) }, 'Rename')));
    });
    $('nodes').tBodies[0].replaceChildren(...rows);
  }

  function renderRunNodes() {
    const select = $('run-node');
    const current = select.value;
    const usable = nodes.filter((n) => n.connected && n.commands.length > 0);
    select.replaceChildren(...usable.map((n) => el('option', { value: n.nodeId }, n.displayName || n.nodeId)));
    if (usable.some((n) => n.nodeId === current)) select.value = current;
    renderRunCommands();
  }

  function renderRunCommands() {
    const node = nodes.find((n) => n.nodeId === $('run-node').value);
    const select = $('run-command');
    const current = select.value;
    const commands = node ? node.commands : [];
    select.replaceChildren(...commands.map((c) => el('option', { value: c }, c)));
    if (commands.includes(current)) select.value = current;
    else if (commands.includes('system.which')) select.value = 'system.which';
    // A refresh keeps what the user typed; a different command gets its template.
    if (select.value !== current) fillParams();
  }

  function fillParams() {
    const template = PARAM_TEMPLATES[$('run-command').value];
    $('run-params').value = JSON.stringify(template || {});
  }

  function describeResult(payload) {
    if (payload && typeof payload === 'object' && ('stdout' in payload || 'stderr' in payload)) {
      return `exit ${payload.exitCode}${payload.timedOut ? ' (timed out)' : ''}\n${payload.stdout || ''}${payload.stderr || ''}`;
    }
    return JSON.stringify(payload, null, 2);
  }

  async function run(event) {
    event.preventDefault();
    const nodeId = $('run-node').value;
    const command = $('run-command').value;
    const output = $('run-output');
    const image = $('snapshot');
    let params;
    try {
      params = JSON.parse($('run-params').value || '{}');
    } catch {
      output.textContent = 'Params must be JSON.';
      return;
    }
    output.textContent = `running ${command}...`;
    try {
      if (command === 'canvas.snapshot') {
        const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
        const blob = await (await api(`/v1/nodes/${encodeURIComponent(nodeId)}/canvas/snapshot?${query}`)).blob();
        if (image.src) URL.revokeObjectURL(image.src);
        image.src = URL.createObjectURL(blob);
        image.hidden = false;
        output.textContent = `snapshot: ${blob.type}, ${blob.size} bytes`;
        return;
      }
      const result = await getJson(`/v1/nodes/${encodeURIComponent(nodeId)}/invoke`, { body: { command, params } });
      output.textContent = describeResult(result.payload);
    } catch (err) {
      showError(err);
    }
  }

  /**
   * Fetches a node's media route as the signed-in user and shows it in `target` (an <img> or
   * a <video>). A node without the capability (no route, command not allowed) shows the error.
   */
  async function showMedia(path, target, label) {
    const nodeId = $('run-node').value;
    const output = $('media-output');
    if (!nodeId) {
      output.textContent = 'Choose a connected node first.';
      return;
    }
    output.textContent = `${label}...`;
    try {
      const blob = await (await api(`/v1/nodes/${encodeURIComponent(nodeId)}/${path}`)).blob();
      if (target.src) URL.revokeObjectURL(target.src);
      target.src = URL.createObjectURL(blob);
      target.hidden = false;
      output.textContent = `${label}: ${blob.type}, ${blob.size} bytes`;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return signOut('The token was not accepted.');
      target.hidden = true;
      output.textContent = `${label} failed: ${err.message || err}`;
    }
  }

  function logEvent(name, data) {
    const who = data.displayName || data.nodeId || data.deviceId || (data.request && (data.request.nodeName || data.request.nodeId)) || '';
    const detail = data.request ? ` ${data.request.command}` : data.command ? ` ${data.command} ${data.outcome}` : data.decision ? ` ${data.decision}` : '';
    const item = el('li', {}, `${new Date(data.ts || Date.now()).toLocaleTimeString()} ${name} ${who}${detail}`);
    $('events').prepend(item);
    while ($('events').children.length > 100) $('events').lastChild.remove();
  }

  /** Reads `/v1/events` with fetch so the token goes in a header; reconnects after a drop. */
  async function openStream() {
    const controller = new AbortController();
    stream = controller;
    try {
      const res = await fetch('/v1/events', { headers: { authorization: `Bearer ${token}` }, signal: controller.signal, cache: 'no-store' });
      if (res.status === 401) return signOut('The token was not accepted.');
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let name = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) name = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) onEvent(name, JSON.parse(data));
        }
      }
    } catch {
      // Dropped or aborted; a sign-out aborts on purpose.
    }
    if (stream !== controller) return;
    setStatus('reconnecting...');
    setTimeout(() => stream === controller && openStream(), 2000);
  }

  function onEvent(name, data) {
    if (name === 'stream.open') {
      setStatus('live', true);
      refreshSoon();
      return;
    }
    logEvent(name, data);
    refreshSoon();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('signin-form').addEventListener('submit', (event) => {
      event.preventDefault();
      signIn($('token').value.trim());
    });
    $('signout').addEventListener('click', () => signOut());
    $('run-node').addEventListener('change', renderRunCommands);
    $('run-command').addEventListener('change', fillParams);
    $('run-form').addEventListener('submit', run);
    $('camera-snap').addEventListener('click', () => showMedia('camera/snap', $('camera-shot'), 'camera snapshot'));
    $('screen-record').addEventListener('click', () => showMedia('screen/record?durationMs=3000&includeAudio=false', $('screen-clip'), 'screen recording'));
    if (token) signIn(token);
  });
})();
