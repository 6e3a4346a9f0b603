import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { makeServiceSpec, recordingRunner } from '../../../../test/support/service-spec.js';
import { buildTaskXml, taskSchedulerManager, windowsArgument } from './task-scheduler-manager.js';

/** How the Microsoft C runtime (and so node.exe) splits a command line (the post-2008 rules). */
function commandLineToArgv(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      let n = 0;
      while (line[i] === '\\') (n++, i++);
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else quoted = !quoted;
      } else {
        current += '\\'.repeat(n);
        i--;
      }
      started = true;
    } else if (c === '"') {
      quoted = !quoted;
      started = true;
    } else if (/\s/.test(c) && !quoted) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

describe('Task Scheduler task', () => {
  it.each([['plain'], ['with space'], [''], ['say "hi"'], ['C:\\dir with space\\'], ['a\\\\"b'], ['100% $HOME']])('quotes %j so the C runtime reads it back unchanged', (value) => {
    expect(commandLineToArgv(`x ${windowsArgument(value)} y`)).toEqual(['x', value, 'y']);
  });

  it('is UTF-16 with a byte order mark, starts at logon, restarts after a failure a bounded number of times, and loads the env file through node', () => {
    const spec = makeServiceSpec({ command: ['C:\\Program Files\\nodejs\\node.exe', 'C:\\open claw\\openclaw.js', 'node', 'run', '--display-name', 'Build "Node"'] });
    const bytes = Buffer.from(buildTaskXml(spec, 'DOM\\u'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const task = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(bytes.toString('utf16le').slice(1)).Task;
    expect(task.Triggers.LogonTrigger.UserId).toBe('DOM\\u');
    expect(task.Settings).toMatchObject({ RestartOnFailure: { Interval: 'PT1M', Count: '5' }, MultipleInstancesPolicy: 'IgnoreNew', ExecutionTimeLimit: 'PT0S' });
    expect(task.Actions.Exec.Command).toBe(spec.command[0]);
    expect(commandLineToArgv(task.Actions.Exec.Arguments)).toEqual([`--env-file=${spec.envFile}`, ...spec.command.slice(1)]);
  });

  it('registers the task from its XML and runs it; a missing schtasks is a missing service manager', async () => {
    const { run, calls } = recordingRunner();
    const manager = taskSchedulerManager({ run, stateDir: 'C:\\Users\\u\\.openclaw' });
    expect(manager.plainEnvInEnvFile).toBe(true);
    await manager.enable('gateway');
    expect(calls[0]).toEqual(['schtasks', '/Create', '/TN', 'OpenClaw Gateway', '/XML', manager.filePath('gateway'), '/F']);
    expect(calls.at(-1)).toEqual(['schtasks', '/Run', '/TN', 'OpenClaw Gateway']);
    const missing = recordingRunner(() => ({ code: 127, missing: true }));
    await expect(taskSchedulerManager({ run: missing.run, stateDir: 's' }).start('node')).rejects.toMatchObject({ code: 'SERVICE_MANAGER_UNAVAILABLE' });
  });
});
