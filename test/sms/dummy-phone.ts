import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);

/**
 * A phone made of a directory: gammu's dummy driver. It does not keep what it sends (sending
 * from a folder is not implemented in it), so the phone's gammu config also writes gammu's own
 * log, where each part sent is recorded with its recipient and text. Each gammu run starts
 * the log anew: it tells what the latest run did.
 */
export function dummyPhone() {
  if (spawnSync('gammu', ['--version'], { stdio: 'ignore' }).error !== undefined) {
    throw new Error('gammu is not installed (apt-get install gammu); the sms tests drive its dummy phone');
  }
  const dir = tempDir('oc-sms-phone-');
  const device = join(dir.path, 'phone');
  const log = join(dir.path, 'gammu.log');
  const config = join(dir.path, 'gammurc');
  mkdirSync(device);
  writeFileSync(config, `[gammu]\ndevice = ${device}\nconnection = none\nmodel = dummy\nlogfile = ${log}\nlogformat = textall\n`);
  return {
    config,
    device,
    /** gammu's log of its latest run ('' before any). */
    log(): string {
      try {
        return readFileSync(log, 'utf8');
      } catch {
        return '';
      }
    },
    /** Every part the latest gammu run sent, in order: recipient, text and coding (`7bit` or `unicode`) as its log records them. */
    lastSent(): Array<{ to: string; text: string; coding: string }> {
      const text = this.log();
      const parts: Array<{ to: string; text: string; coding: string }> = [];
      for (const block of text.split('Entering GSM_SendSMS').slice(1)) {
        const to = /Recipient number "([^"]*)"/.exec(block)?.[1] ?? '';
        // 7-bit text is logged as a line; UCS-2 text as a hex dump of 16 `XXc|` cells a line.
        const gsm = /bit SMS, length \d+, \d+\n(.*)\n/.exec(block);
        const ucs2 = /Unicode SMS, length \d+\n\n?((?:[0-9A-F]{2}.*\n)+)/.exec(block);
        const cells = (ucs2?.[1] ?? '').split('\n').flatMap((line) => line.slice(0, 64).match(/.{4}/g) ?? []);
        const hex = cells.map((cell) => /^[0-9A-F]{2}/.exec(cell)?.[0] ?? '').join('');
        parts.push({ to, text: gsm?.[1] ?? Buffer.from(hex, 'hex').swap16().toString('utf16le'), coding: gsm ? '7bit' : 'unicode' });
      }
      return parts;
    },
    /** Puts a received message in the phone's inbox. */
    async receive(from: string, text: string): Promise<void> {
      await run('gammu', ['-c', config, 'savesms', 'TEXT', '-folder', '1', '-sender', from, '-textutf8', text], { timeout: 10_000 });
    },
    cleanup: () => dir.cleanup(),
  };
}
