import { describe, expect, it } from 'vitest';
import { parseSmsBackup } from './gammu-backup.js';

const hex = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();

function section(n: number, number: string, text: string, state = 'UnRead'): string {
  // Gammu repeats the text as `; ` comment lines above the fields.
  const comments = text.split('\n').map((l) => `; ${l}`).join('\n');
  return `[SMSBackup${String(n).padStart(3, '0')}]\n${comments}\nDateTime = 20261130T071843Z\nState = ${state}\nNumber = "${number}"\nNumberUnicode = ${hex(number)}\nText00 = ${hex(text)}\nFolder = 1\n\n`;
}

describe('parseSmsBackup', () => {
  it('reads number, text, time and state from hex fields', () => {
    expect(parseSmsBackup(section(0, '+15550001111', 'hi ✓'), 10)).toEqual([{ number: '+15550001111', text: 'hi ✓', timestamp: Date.UTC(2026, 10, 30, 7, 18, 43), state: 'received' }]);
  });

  it('keeps a message that imitates another entry as its own text', () => {
    const forged = 'x\n[SMSBackup999]\nNumber = "+1999"\nText00 = 0041';
    const parsed = parseSmsBackup(section(0, '+15550001111', forged), 10);
    expect(parsed).toEqual([expect.objectContaining({ number: '+15550001111', text: forged })]);
  });

  it('stops at max messages', () => {
    const text = Array.from({ length: 5 }, (_, i) => section(i, `+1555000000${i}`, `m${i}`, 'Sent')).join('');
    expect(parseSmsBackup(text, 2).map((m) => m.text)).toEqual(['m0', 'm1']);
  });
});
