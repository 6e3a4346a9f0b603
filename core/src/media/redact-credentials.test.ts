import { describe, expect, it } from 'vitest';
import { redactCredentials } from './redact-credentials.js';

describe('redactCredentials', () => {
  it('masks userinfo and secret query values of every URL in a text, and leaves the rest', () => {
    const text = "[tcp @ 0x1] Connection to tcp://h:554 failed\nrtsp://admin:hunter2@10.0.0.7:554/s?token=abc&x=1: 401 Unauthorized; http://u@h/a?password=p%20q#f 'https://h/p?key=k'";
    expect(redactCredentials(text)).toBe("[tcp @ 0x1] Connection to tcp://h:554 failed\nrtsp://***@10.0.0.7:554/s?token=***&x=1: 401 Unauthorized; http://***@h/a?password=***#f 'https://h/p?key=***'");
  });

  it('leaves text without credentials as it is', () => {
    expect(redactCredentials('/dev/video0: Device or resource busy (user@example.org)')).toBe('/dev/video0: Device or resource busy (user@example.org)');
  });
});
