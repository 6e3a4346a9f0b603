import { gatewayUrl } from '@openclaw-nodes/node-host';
import { pluginStatusText } from '../format/plugin-status.js';
import { age, printJson, table, writeLines } from '../format/table.js';
import { collectStatus, type MachineStatus } from '../status/collect-status.js';

/**
 * `openclaw status [--json]`: what runs on this machine (gateway, node host, plugins,
 * services) and the config in use with its problems. Exits 0 whatever it finds.
 */
export async function status(flags: { json?: boolean }): Promise<void> {
  const s = await collectStatus();
  if (flags.json) return printJson(s);
  // Names, problems and states come from peers and files: every line is shown printable.
  const lines = [...configLines(s), '', ...gatewayLines(s), '', ...nodeLines(s), '', ...pluginLines(s), '', ...serviceLines(s)];
  writeLines(lines);
}

function configLines(s: MachineStatus): string[] {
  const lines = [`Config: ${s.config.path ?? 'none (defaults)'}${s.config.path ? ` (${s.config.source})` : ''}`, `State dir: ${s.stateDir}`];
  if (s.stateDirWarning) lines.push(`Warning: ${s.stateDirWarning}`);
  if (s.config.problems.length) lines.push('Config problems (defaults used below):', ...s.config.problems.map((p) => `  - ${p}`));
  return lines;
}

function gatewayLines({ gateway: g }: MachineStatus): string[] {
  const lines = ['Gateway'];
  if (g.mode === 'remote') lines.push(`  Mode: remote (${g.remoteUrl ?? 'gateway.remote.url not set'}); no gateway runs here`);
  if (!g.listening) {
    lines.push(`  Not running here: nothing answers on ${g.url}${g.configured ? '' : ' (no gateway configured on this machine)'}`);
    return lines;
  }
  lines.push(`  Listening: ${g.url} (bind ${g.bind}${g.version ? `, version ${g.version}` : ''}${g.uptimeMs !== undefined ? `, started ${age(Date.now() - g.uptimeMs)}` : ''})`);
  lines.push(`  TLS fingerprint: ${g.tlsFingerprint ?? 'off'}`);
  lines.push(`  Connected nodes: ${g.connectedNodes ?? 'unknown'}`);
  if (g.cluster) lines.push(`  Cluster: ${g.cluster.name}, member ${g.cluster.member}, ${g.cluster.peers} other member(s) alive, Redis ${g.cluster.redis}`);
  lines.push(`  Pending requests: ${g.pendingRequests ?? `unknown (${g.apiError})`}${g.pendingRequests ? ' (see: openclaw nodes pending)' : ''}`);
  for (const p of g.pending ?? []) {
    const approve = `openclaw nodes approve ${p.requestId}${p.verificationCode ? ` --code ${p.verificationCode}` : ''}`;
    lines.push(`    ${p.displayName || '(unnamed)'} (${p.kind}${p.verificationCode ? `, verification code ${p.verificationCode}` : ''}): ${approve}`);
  }
  return lines;
}

function nodeLines({ node: n }: MachineStatus): string[] {
  const lines = ['Node host'];
  if (n.problem) lines.push(`  node.json: ${n.problem}`);
  const svc = n.serviceGateway;
  if (!n.configured && svc) lines.push(`  Not run yet: the installed node service connects to ${svc.url}${svc.pin ? ` (pinned ${svc.pin})` : ''}`);
  else if (!n.configured) lines.push('  Not set up: this machine never ran `openclaw node run`');
  const p = n.process;
  const live = p.running && p.status === 'connected' ? p.url : undefined;
  const listed = n.gateways.map((g) => ({ url: gatewayUrl(g), pin: g.tlsFingerprint, paired: g.paired }));
  // A running host may have been started with addresses node.json does not list yet.
  for (const url of p.gateways ?? []) if (!listed.some((g) => g.url === url)) listed.push({ url, pin: p.pins?.[url], paired: false });
  const line = (g: (typeof listed)[number]) => `${g.url}${g.pin ? ` (pinned ${g.pin})` : ''}${g.url === live ? ' <- connected' : ''}`;
  if (listed.length === 1) lines.push(`  Gateway: ${line(listed[0]!)}`);
  if (listed.length > 1) lines.push('  Gateways (in failover order):', ...listed.map((g) => `    ${line(g)}${g.paired ? ' (paired)' : ''}`));
  if (n.displayName) lines.push(`  Display name: ${n.displayName}`);
  lines.push(p.running ? `  Process: running (pid ${p.pid}), ${p.status} ${p.url ?? ''}${p.nodeId ? ` as node ${p.nodeId}` : ''}` : '  Process: not running');
  lines.push(`  Pairing: ${n.pairing}${n.approveCommand ? `; on the gateway machine run: ${n.approveCommand}` : ''}`);
  return lines;
}

function pluginLines({ plugins }: MachineStatus): string[] {
  const rows = plugins.list.map((p) => [p.name, p.version || '-', pluginStatusText(p)]);
  return [`Plugins (${plugins.from})`, ...table(['Plugin', 'Version', 'Status'], rows).split('\n').map((line) => `  ${line}`)];
}

function serviceLines({ services }: MachineStatus): string[] {
  return [
    'Services',
    ...Object.values(services).map((v) => {
      const name = v.kind === 'node' ? 'Node' : 'Gateway';
      if (!v.installed) return `  ${name}: not installed`;
      const state = v.runtime?.state ?? `${v.manager} unavailable`;
      return `  ${name}: installed, ${state} (${v.file})`;
    }),
  ];
}
