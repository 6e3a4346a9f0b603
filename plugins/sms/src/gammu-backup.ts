import type { StoredMessage } from './commands.js';

/** Gammu's message states as sms.search reports them. */
const STATES: Readonly<Record<string, string>> = { Read: 'received', UnRead: 'received', Sent: 'sent', UnSent: 'draft' };

/**
 * The messages of a gammu SMS backup file (`gammu backupsms <file> -all`). Read from the backup
 * rather than `getallsms` output because the backup carries text and numbers hex-encoded: a
 * message cannot fake the start of another one with a crafted line. At most `max` messages.
 */
export function parseSmsBackup(text: string, max: number): StoredMessage[] {
  const out: StoredMessage[] = [];
  for (const section of text.split(/^\[SMSBackup\d+\]\s*$/m).slice(1)) {
    if (out.length >= max) break;
    const fields = new Map<string, string>();
    for (const line of section.split('\n')) {
      const m = /^([A-Za-z0-9]+) = (.*)$/.exec(line.trimEnd());
      if (m) fields.set(m[1], m[2]);
    }
    const textParts = [...fields.keys()].filter((k) => /^Text\d\d$/.test(k)).sort();
    const number = fields.has('NumberUnicode') && fields.get('NumberUnicode') !== '' ? ucs2(fields.get('NumberUnicode')!) : (fields.get('Number') ?? '').replace(/^"|"$/g, '');
    out.push({
      number,
      text: textParts.map((k) => ucs2(fields.get(k)!)).join(''),
      timestamp: backupTime(fields.get('DateTime')),
      state: STATES[fields.get('State') ?? ''] ?? 'unknown',
    });
  }
  return out;
}

/** Gammu writes text as hex UCS-2 big-endian (`0068 0069` → `hi`). */
function ucs2(hex: string): string {
  const clean = hex.replace(/[^0-9A-Fa-f]/g, '');
  const bytes = Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), 'hex');
  return bytes.swap16().toString('utf16le');
}

/** `20261130T071843Z` → ms since the epoch. */
function backupTime(value: string | undefined): number | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z?$/.exec(value ?? '');
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(ms) ? ms : undefined;
}
