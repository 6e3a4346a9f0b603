/*
 * The A2UI v0.8 renderer of the OpenClaw canvas. A classic script (module scripts do not
 * load from file:// pages) that exposes globalThis.openclawA2UI = { applyMessages, reset,
 * getSurfaces }, the contract nodes drive (COMMANDS.md 3.6). Messages arrive already checked
 * by the node; the renderer still never trusts them: text goes in through textContent,
 * URLs are limited to http(s), data and blob, and one broken component renders as a
 * visible problem instead of failing the whole push.
 */
(() => {
  'use strict';

  const MAX_DEPTH = 64;
  const rootEl = document.getElementById('a2ui-root');
  /** surfaceId -> { components: Map<id, def>, root, dataModel, styles, rendering, el } */
  const surfaces = new Map();
  /** Button presses, newest last; the node host reads them back with getActions(). */
  const actions = [];

  const ICONS = {
    home: '⌂', search: '⌕', settings: '⚙', check: '✓', close: '✕', add: '+', remove: '−', star: '★', favorite: '♥',
    info: 'ℹ', warning: '⚠', error: '⛔', mail: '✉', phone: '☎', calendarToday: '▦', event: '▦', person: '☺', locationOn: '⌖',
    arrowBack: '←', arrowForward: '→', menu: '☰', share: '⇪', send: '➤', play: '▶', pause: '❚❚', lock: '🔒', help: '?',
  };
  const JUSTIFY = { start: 'flex-start', center: 'center', end: 'flex-end', spaceBetween: 'space-between', spaceAround: 'space-around', spaceEvenly: 'space-evenly' };
  const ALIGN = { start: 'flex-start', center: 'center', end: 'flex-end', stretch: 'stretch' };
  const TEXT_TAGS = { h1: 'h1', h2: 'h2', h3: 'h3', h4: 'h4', h5: 'h5', caption: 'small', body: 'p' };

  // ---- data model --------------------------------------------------------------------

  function segments(path) {
    return String(path || '')
      .split('/')
      .filter((part) => part !== '' && part !== '.');
  }

  /** A path string against the current template scope: absolute paths start at the model root. */
  function absolute(path, scope) {
    return String(path).startsWith('/') ? segments(path) : [...scope, ...segments(path)];
  }

  function getAt(model, parts) {
    let value = model;
    for (const part of parts) {
      if (value === null || typeof value !== 'object') return undefined;
      value = value[part];
    }
    return value;
  }

  function setAt(surface, parts, value) {
    if (parts.length === 0) {
      surface.dataModel = value !== null && typeof value === 'object' ? value : {};
      return;
    }
    let target = surface.dataModel;
    for (const part of parts.slice(0, -1)) {
      if (target[part] === null || typeof target[part] !== 'object') target[part] = {};
      target = target[part];
    }
    target[parts[parts.length - 1]] = value;
  }

  function contentsToObject(contents) {
    const out = {};
    for (const entry of contents || []) {
      if ('valueMap' in entry) out[entry.key] = contentsToObject(entry.valueMap);
      else if ('valueString' in entry) out[entry.key] = entry.valueString;
      else if ('valueNumber' in entry) out[entry.key] = entry.valueNumber;
      else if ('valueBoolean' in entry) out[entry.key] = entry.valueBoolean;
    }
    return out;
  }

  /** {literalString|literalNumber|literalBoolean|literalArray} or {path}; a literal next to a path seeds the model. */
  function resolve(bound, ctx) {
    if (bound === undefined || bound === null) return undefined;
    if (typeof bound !== 'object') return bound;
    const literal = ['literalString', 'literalNumber', 'literalBoolean', 'literalArray'].find((k) => k in bound);
    if (typeof bound.path === 'string') {
      const parts = absolute(bound.path, ctx.scope);
      const value = getAt(ctx.surface.dataModel, parts);
      if (value === undefined && literal !== undefined) {
        setAt(ctx.surface, parts, bound[literal]);
        return bound[literal];
      }
      return value;
    }
    return literal === undefined ? undefined : bound[literal];
  }

  function text(bound, ctx) {
    const value = resolve(bound, ctx);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  /** Writes an input's value back to the model when it is bound to a path. */
  function bindBack(bound, ctx, value) {
    if (bound && typeof bound === 'object' && typeof bound.path === 'string') setAt(ctx.surface, absolute(bound.path, ctx.scope), value);
  }

  function safeUrl(raw) {
    try {
      const url = new URL(String(raw), document.baseURI);
      return ['http:', 'https:', 'data:', 'blob:'].includes(url.protocol) ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- components --------------------------------------------------------------------

  function el(tag, className, attrs) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    for (const [key, value] of Object.entries(attrs || {})) if (value !== undefined) node.setAttribute(key, String(value));
    return node;
  }

  function problem(message) {
    const node = el('div', 'a2ui-problem');
    node.textContent = message;
    return node;
  }

  function children(spec, ctx) {
    if (!spec || typeof spec !== 'object') return [];
    if (Array.isArray(spec.explicitList)) return spec.explicitList.map((id) => renderComponent(id, ctx));
    const template = spec.template;
    if (template && typeof template === 'object') {
      const base = absolute(template.dataBinding || '', ctx.scope);
      const data = getAt(ctx.surface.dataModel, base);
      if (data === null || typeof data !== 'object') return [];
      return Object.keys(data).map((key) => renderComponent(template.componentId, { ...ctx, scope: [...base, key] }));
    }
    return [];
  }

  function flex(className, props, ctx, direction) {
    const node = el('div', className, { 'data-direction': direction });
    if (JUSTIFY[props.distribution]) node.style.justifyContent = JUSTIFY[props.distribution];
    if (ALIGN[props.alignment]) node.style.alignItems = ALIGN[props.alignment];
    node.append(...children(props.children, ctx));
    return node;
  }

  function field(labelText, control) {
    const wrap = el('label', 'a2ui-field');
    const caption = el('span');
    caption.textContent = labelText;
    wrap.append(caption, control);
    return wrap;
  }

  function media(kind, props, ctx) {
    const node = el('div', 'a2ui-media', { 'data-url': safeUrl(resolve(props.url, ctx)) });
    node.textContent = `${kind === 'Video' ? '▶ Video' : '♪ Audio'}${props.description ? `: ${text(props.description, ctx)}` : ''}`;
    return node;
  }

  const RENDERERS = {
    Text(props, ctx) {
      const hint = TEXT_TAGS[props.usageHint] ? props.usageHint : 'body';
      const node = el(TEXT_TAGS[hint], 'a2ui-text', { 'data-usage-hint': hint });
      node.textContent = text(props.text, ctx);
      return node;
    },
    Image(props, ctx) {
      const node = el('img', 'a2ui-image', { 'data-usage-hint': props.usageHint, alt: '' });
      const src = safeUrl(resolve(props.url, ctx));
      if (src) node.src = src;
      if (props.fit) node.style.objectFit = props.fit === 'scaleDown' ? 'scale-down' : props.fit;
      return node;
    },
    Icon(props, ctx) {
      const name = text(props.name, ctx);
      const node = el('span', 'a2ui-icon', { 'data-icon': name, role: 'img', 'aria-label': name });
      node.textContent = ICONS[name] || name;
      return node;
    },
    Video: (props, ctx) => media('Video', props, ctx),
    AudioPlayer: (props, ctx) => media('AudioPlayer', props, ctx),
    Row: (props, ctx) => flex('a2ui-row', props, ctx, 'horizontal'),
    Column: (props, ctx) => flex('a2ui-column', props, ctx, 'vertical'),
    List: (props, ctx) => flex('a2ui-list', props, ctx, props.direction === 'horizontal' ? 'horizontal' : 'vertical'),
    Card(props, ctx) {
      const node = el('div', 'a2ui-card');
      if (props.child) node.append(renderComponent(props.child, ctx));
      return node;
    },
    Divider(props) {
      return el('hr', 'a2ui-divider', { 'data-axis': props.axis === 'vertical' ? 'vertical' : 'horizontal' });
    },
    Tabs(props, ctx) {
      const node = el('div', 'a2ui-tabs');
      const bar = el('div', 'a2ui-tabs-bar', { role: 'tablist' });
      const panels = [];
      (props.tabItems || []).forEach((item, index) => {
        const tab = el('button', '', { role: 'tab', type: 'button', 'aria-selected': index === 0 });
        tab.textContent = text(item.title, ctx);
        const panel = el('div', 'a2ui-tabs-panel', { role: 'tabpanel' });
        panel.hidden = index !== 0;
        if (item.child) panel.append(renderComponent(item.child, ctx));
        tab.addEventListener('click', () => {
          bar.querySelectorAll('button').forEach((b, i) => b.setAttribute('aria-selected', String(i === index)));
          panels.forEach((p, i) => (p.hidden = i !== index));
        });
        bar.append(tab);
        panels.push(panel);
      });
      node.append(bar, ...panels);
      return node;
    },
    Modal(props, ctx) {
      const node = el('div', 'a2ui-modal');
      const dialog = el('dialog', 'a2ui-modal-dialog');
      if (props.contentChild) dialog.append(renderComponent(props.contentChild, ctx));
      const entry = props.entryPointChild ? renderComponent(props.entryPointChild, ctx) : problem('Modal without entryPointChild');
      entry.addEventListener('click', () => dialog.showModal());
      dialog.addEventListener('click', (event) => event.target === dialog && dialog.close());
      node.append(entry, dialog);
      return node;
    },
    Button(props, ctx) {
      const node = el('button', 'a2ui-button', { type: 'button', 'data-primary': props.primary === true, 'data-action': props.action && props.action.name });
      if (props.child) node.append(renderComponent(props.child, ctx));
      node.addEventListener('click', () => {
        const context = {};
        for (const item of (props.action && props.action.context) || []) context[item.key] = resolve(item.value, ctx);
        const detail = { name: props.action && props.action.name, surfaceId: ctx.surface.id, componentId: ctx.id, context };
        actions.push(detail);
        window.dispatchEvent(new CustomEvent('openclaw:a2ui-action', { detail }));
      });
      return node;
    },
    CheckBox(props, ctx) {
      const node = el('label', 'a2ui-checkbox');
      const input = el('input', '', { type: 'checkbox' });
      input.checked = resolve(props.value, ctx) === true;
      input.addEventListener('change', () => bindBack(props.value, ctx, input.checked));
      const caption = el('span');
      caption.textContent = text(props.label, ctx);
      node.append(input, caption);
      return node;
    },
    TextField(props, ctx) {
      const kind = props.textFieldType;
      const input = kind === 'longText' ? el('textarea', '', { rows: 3 }) : el('input', '', { type: { number: 'number', date: 'date', obscured: 'password' }[kind] || 'text' });
      input.value = text(props.text, ctx);
      if (props.validationRegexp) input.setAttribute('pattern', props.validationRegexp);
      input.addEventListener('input', () => bindBack(props.text, ctx, input.value));
      return field(text(props.label, ctx), input);
    },
    DateTimeInput(props, ctx) {
      const date = props.enableDate !== false;
      const time = props.enableTime === true;
      const input = el('input', '', { type: date && time ? 'datetime-local' : time ? 'time' : 'date' });
      input.value = text(props.value, ctx);
      input.addEventListener('change', () => bindBack(props.value, ctx, input.value));
      return field(date && time ? 'Date and time' : time ? 'Time' : 'Date', input);
    },
    MultipleChoice(props, ctx) {
      const node = el('div', 'a2ui-multiple-choice', { role: 'group' });
      const selected = resolve(props.selections, ctx);
      const chosen = new Set(Array.isArray(selected) ? selected.map(String) : []);
      const single = Number(props.maxAllowedSelections) === 1;
      const name = `a2ui-${ctx.surface.id}-${ctx.id}`;
      for (const option of props.options || []) {
        const label = el('label', 'a2ui-choice');
        const input = el('input', '', { type: single ? 'radio' : 'checkbox', name, value: option.value });
        input.checked = chosen.has(String(option.value));
        input.addEventListener('change', () => {
          const values = [...node.querySelectorAll('input:checked')].map((i) => i.value);
          bindBack(props.selections, ctx, values);
        });
        const caption = el('span');
        caption.textContent = text(option.label, ctx);
        label.append(input, caption);
        node.append(label);
      }
      return node;
    },
    Slider(props, ctx) {
      const input = el('input', '', { type: 'range', min: props.minValue ?? 0, max: props.maxValue ?? 100 });
      const value = resolve(props.value, ctx);
      if (value !== undefined) input.value = String(value);
      const output = el('output');
      output.textContent = input.value;
      input.addEventListener('input', () => {
        output.textContent = input.value;
        bindBack(props.value, ctx, Number(input.value));
      });
      const wrap = el('div', 'a2ui-slider');
      wrap.append(input, output);
      return wrap;
    },
  };

  function renderComponent(id, ctx) {
    if (ctx.path.length >= MAX_DEPTH) return problem(`component tree deeper than ${MAX_DEPTH} at ${id}`);
    if (ctx.path.includes(id)) return problem(`component ${id} contains itself`);
    const def = ctx.surface.components.get(id);
    if (!def) return problem(`missing component ${id}`);
    const [type, props] = Object.entries(def.component)[0];
    const render = RENDERERS[type];
    if (!render) return problem(`unsupported component type ${type}`);
    let node;
    try {
      node = render(props || {}, { ...ctx, id, path: [...ctx.path, id] });
    } catch (err) {
      node = problem(`${type} ${id}: ${err && err.message ? err.message : err}`);
    }
    node.classList.add(`a2ui-${type.toLowerCase()}`);
    node.dataset.a2uiId = id;
    node.dataset.a2uiType = type;
    if (typeof def.weight === 'number') node.style.flexGrow = String(def.weight);
    return node;
  }

  // ---- surfaces ----------------------------------------------------------------------

  function surface(id) {
    let s = surfaces.get(id);
    if (!s) {
      s = { id, components: new Map(), root: undefined, dataModel: {}, styles: {}, rendering: false, el: undefined };
      surfaces.set(id, s);
    }
    return s;
  }

  function render(s) {
    if (!s.rendering || !s.root) return;
    if (!s.el) {
      s.el = el('section', 'a2ui-surface', { 'data-surface-id': s.id });
      rootEl.append(s.el);
    }
    if (typeof s.styles.primaryColor === 'string') s.el.style.setProperty('--a2ui-primary', s.styles.primaryColor);
    if (typeof s.styles.font === 'string') s.el.style.fontFamily = `${JSON.stringify(s.styles.font)}, system-ui, sans-serif`;
    s.el.replaceChildren(renderComponent(s.root, { surface: s, scope: [], path: [], id: s.root }));
  }

  function apply(message, touched) {
    if (message.surfaceUpdate) {
      const s = surface(message.surfaceUpdate.surfaceId);
      for (const component of message.surfaceUpdate.components) s.components.set(component.id, component);
      touched.add(s);
    } else if (message.dataModelUpdate) {
      const s = surface(message.dataModelUpdate.surfaceId);
      setAt(s, segments(message.dataModelUpdate.path), contentsToObject(message.dataModelUpdate.contents));
      touched.add(s);
    } else if (message.beginRendering) {
      const s = surface(message.beginRendering.surfaceId);
      s.root = message.beginRendering.root;
      s.styles = message.beginRendering.styles || {};
      s.rendering = true;
      touched.add(s);
    } else if (message.deleteSurface) {
      const s = surfaces.get(message.deleteSurface.surfaceId);
      if (s) {
        if (s.el) s.el.remove();
        surfaces.delete(s.id);
        touched.delete(s);
      }
    } else {
      throw new Error(`unknown A2UI message: ${Object.keys(message).join(', ')}`);
    }
  }

  function getSurfaces() {
    return [...surfaces.keys()];
  }

  function applyMessages(messages) {
    if (!Array.isArray(messages)) throw new TypeError('applyMessages expects an array of A2UI messages');
    const touched = new Set();
    for (const message of messages) apply(message, touched);
    for (const s of touched) render(s);
    return { ok: true, surfaces: getSurfaces() };
  }

  function reset() {
    surfaces.clear();
    actions.length = 0;
    rootEl.replaceChildren();
    return { ok: true };
  }

  globalThis.openclawA2UI = Object.freeze({ applyMessages, reset, getSurfaces, getActions: () => actions.slice(), version: '0.8' });
})();
