import { describe, expect, it } from 'vitest';
import { loadRecorder } from '../support/load-recorder.js';

const LOGGING = /\/(pino|pino-pretty|sonic-boom|thread-stream|@pinojs)\/|\/core\/(dist|src)\/logger|host-logger/;
const { loadsOf, gatewayUrl } = loadRecorder();

describe('short commands load no logging code', () => {
  it('--version and nodes status load neither pino nor the host logger', async () => {
    for (const [name, args] of [['version', ['--version']], ['status', ['nodes', 'status', '--json', '--url', gatewayUrl()]]] as const) {
      const loads = await loadsOf(name, [...args]);
      // The recorder works: the CLI's own entry is in the list.
      expect(loads.some((url) => url.includes('/hosts/cli/'))).toBe(true);
      expect(loads.filter((url) => LOGGING.test(url))).toEqual([]);
    }
  });
});
