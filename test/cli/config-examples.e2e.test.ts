import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCli } from '../support/fresh-cli.js';
import { ROOT } from '../support/paths.js';

/**
 * The `openclaw config` examples of the page the product was asked for (its "Point exec at
 * the node" and "bind exec to a specific node" sections) and of the CLI reference, as
 * written there. Each runs on a fresh machine; an `unset` after the `set` the page puts
 * before it.
 */
const SEED_EXAMPLES: ReadonlyArray<{ setup?: string; example: string }> = [
  { example: 'openclaw config set tools.exec.host node' },
  { example: 'openclaw config set tools.exec.security allowlist' },
  { example: 'openclaw config set tools.exec.node "<id-or-name>"' },
  { example: 'openclaw config set tools.exec.node "node-id-or-name"' },
  { example: 'openclaw config get agents.list' },
  { example: 'openclaw config set agents.list[0].tools.exec.node "node-id-or-name"' },
  { example: 'openclaw config set agents.list[0].tools.exec.node "<id>"' },
  { setup: 'openclaw config set tools.exec.node "node-id-or-name"', example: 'openclaw config unset tools.exec.node' },
  { setup: 'openclaw config set agents.list[0].tools.exec.node "node-id-or-name"', example: 'openclaw config unset agents.list[0].tools.exec.node' },
];

describe('the seed page config examples, on a fresh machine', () => {
  it.each(SEED_EXAMPLES)('$example', ({ setup, example }) => {
    const cli = makeCli();
    if (setup !== undefined) expect(cli.bash(setup)).toMatchObject({ code: 0 });
    const result = cli.bash(example);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('the per-agent section in order: get, set, unset, and the agent is the default one', () => {
    const cli = makeCli();
    const run = (line: string) => {
      const result = cli.bash(line);
      expect({ line, ...result }).toMatchObject({ line, code: 0, stderr: '' });
      return result.stdout;
    };
    run('openclaw config set tools.exec.node "node-id-or-name"');
    expect(run('openclaw config get agents.list')).toBe('[]\n');
    run('openclaw config set agents.list[0].tools.exec.node "node-id-or-name"');
    expect(JSON.parse(run('openclaw config get agents.list'))).toEqual([{ id: 'main', tools: { exec: { node: 'node-id-or-name' } } }]);
    run('openclaw config unset tools.exec.node');
    run('openclaw config unset agents.list[0].tools.exec.node');
    expect(cli.readConfig()).toEqual({ tools: { exec: {} }, agents: { list: [{ id: 'main', tools: { exec: {} } }] } });
  });
});

/** Markdown files of this repository that may show `openclaw config` examples. */
function documents(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join('docs', name));
  const readmes = ['README.md', 'config/README.md', ...readdirSync(join(ROOT, 'hosts')).map((host) => join('hosts', host, 'README.md'))];
  return [...readmes.filter((file) => existsSync(join(ROOT, file))), ...docs];
}

interface Block {
  file: string;
  lines: string[];
}

/** Fenced code blocks with at least one `openclaw config` command. */
function exampleBlocks(): Block[] {
  const blocks: Block[] = [];
  for (const file of documents()) {
    const fences = readFileSync(join(ROOT, file), 'utf8').split(/^```[a-z0-9]*\n/m).filter((_, index) => index % 2 === 1);
    for (const fence of fences) {
      const lines = fence.split('\n').filter((line) => line !== '');
      if (lines.some((line) => /\bopenclaw config /.test(line))) blocks.push({ file, lines });
    }
  }
  return blocks;
}

/** `$ command` then its output up to the next `$ `: check both; plain lines: exit 0 only. */
function steps(lines: string[]): Array<{ command: string; output?: string }> {
  const transcript = lines.some((line) => line.startsWith('$ '));
  if (!transcript) return lines.filter((line) => /\bopenclaw config /.test(line)).map((command) => ({ command }));
  const result: Array<{ command: string; output: string }> = [];
  for (const line of lines) {
    if (line.startsWith('$ ')) result.push({ command: line.slice(2), output: '' });
    else result[result.length - 1].output += `${line}\n`;
  }
  return result;
}

describe('the config examples of our README and docs, on a machine where the gateway has run once', () => {
  const blocks = exampleBlocks();

  it('finds the examples (README, docs/cli.md, docs/exec.md, docs/http-api.md)', () => {
    const files = new Set(blocks.map((block) => block.file));
    for (const file of ['README.md', 'docs/cli.md', 'docs/exec.md', 'docs/http-api.md']) expect(files).toContain(file);
  });

  it.each(blocks.map((block, index) => [`${block.file} #${index + 1}`, block] as const))('%s', (_, block) => {
    const cli = makeCli();
    // What `openclaw gateway run` leaves behind on its first start: a generated token.
    mkdirSync(cli.stateDir, { recursive: true, mode: 0o700 });
    writeFileSync(cli.configFile, JSON.stringify({ gateway: { auth: { token: 'generated-token' } } }), { mode: 0o600 });
    for (const { command, output } of steps(block.lines)) {
      // Only the config commands: the others need a gateway and are tested elsewhere.
      const script = /\bopenclaw config /.test(command) ? `${command}\nstatus=$?\necho "token=\${OPENCLAW_GATEWAY_TOKEN-}\${TOKEN-}"\nexit $status` : 'true';
      const result = cli.bash(script);
      const [, shown, token] = /^([\s\S]*?)(?:token=(.*)\n)?$/.exec(result.stdout)!;
      const printed = (shown + result.stderr).replaceAll(cli.stateDir, '/home/me/.openclaw');
      const failing = output?.startsWith('Config invalid') === true;
      expect({ command, code: result.code }).toEqual({ command, code: failing ? 1 : 0 });
      if (output !== undefined && /\bopenclaw config /.test(command)) expect(printed).toBe(output);
      // A token read into a variable for later commands is the real one, not a redaction.
      if (/TOKEN="\$\(/.test(command)) expect(token).toBe('generated-token');
    }
  });
});
