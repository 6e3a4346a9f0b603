import { Gateway, type GatewayOptions } from '@openclaw-nodes/gateway';
import { trustLocalProofOf } from './local-proof.js';
import { tempDir } from './temp-dir.js';

export const TEST_TOKEN = 'test-shared-token';

/** A real gateway on a free loopback port with a throw-away state dir. */
export async function startTestGateway(overrides: Partial<GatewayOptions> = {}) {
  const dir = tempDir('openclaw-gw-');
  const gateway = await Gateway.start({
    stateDir: dir.path,
    port: 0,
    host: '127.0.0.1',
    token: TEST_TOKEN,
    version: '0.1.0-test',
    ...overrides,
  });
  trustLocalProofOf(overrides.stateDir ?? dir.path);
  return {
    gateway,
    url: gateway.url,
    stateDir: dir.path,
    async stop() {
      await gateway.stop();
      dir.cleanup();
    },
  };
}
