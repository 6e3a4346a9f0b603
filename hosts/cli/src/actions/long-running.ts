import { setFlagsFromString } from 'node:v8';

/**
 * For processes that run for days (gateway, node hosts): keep V8's young generation at its
 * initial size instead of letting a burst (a thousand nodes reconnecting) grow it to 32 MB
 * that is never handed back. Measured on the gateway: ~20 MB less RSS after a 1,000-node
 * storm, no loss of invoke throughput. Set before the heap grows; later it has no effect.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
