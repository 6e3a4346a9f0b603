import { TEST_TOKEN } from './in-process-gateway.js';
import { startInvokeRecorder } from './invoke-recorder.js';
import { BIN } from './paths.js';
import { startProcess } from './processes.js';
import { tempDir } from './temp-dir.js';
import { shareLocalProof } from './local-proof.js';

/**
 * A real `node run` process connected to an invoke recorder (an in-process gateway that can
 * send it anything), in its own state dir. `stop()` ends both and removes the dir.
 */
export async function startRecordedNode(displayName: string, env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir('oc-recorded-node-');
  const recorder = await startInvokeRecorder();
  shareLocalProof(recorder.gw.stateDir, dir.path);
  const nodeEnv = { ...process.env, OPENCLAW_STATE_DIR: dir.path, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, ...env };
  const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(recorder.gw.gateway.port), '--display-name', displayName], nodeEnv, /connected to/);
  const stop = async () => {
    await node.stop();
    await recorder.gw.stop();
    dir.cleanup();
  };
  await node.started.catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { recorder, node, stop };
}
