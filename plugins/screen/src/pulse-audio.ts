import { connect } from 'node:net';
import { join } from 'node:path';
import { screenError } from './errors.js';
import { LIVE_INPUT, type AudioInput } from './screen-platform.js';

/** Where a PulseAudio client looks for the server: `PULSE_SERVER`, else the session's socket. */
export interface SoundServer {
  /** `PULSE_SERVER` as set for the node: trusted as given. */
  readonly server?: string;
  /** `$XDG_RUNTIME_DIR/pulse/native`, which PipeWire's Pulse server also serves. */
  readonly socket?: string;
}

const PROBE_TIMEOUT_MS = 2_000;

/** The sound server a node's environment points at. */
export function soundServerOf(env: Readonly<Record<string, string | undefined>>): SoundServer {
  if (env.PULSE_SERVER) return { server: env.PULSE_SERVER };
  return env.XDG_RUNTIME_DIR ? { socket: join(env.XDG_RUNTIME_DIR, 'pulse', 'native') } : {};
}

/**
 * The `-f pulse` input for `source` when a PulseAudio/PipeWire server answers on the session's
 * socket; otherwise why not (recorded as `audioUnavailable`). A socket this user may not open
 * is `MIC_PERMISSION_REQUIRED`: sound was asked for and the machine refuses it.
 */
export async function pulseAudioInput(sound: SoundServer, source: string, signal?: AbortSignal): Promise<AudioInput> {
  const args = ['-f', 'pulse', ...LIVE_INPUT, '-i', source];
  if (sound.server !== undefined) return { args };
  if (sound.socket === undefined) return { unavailable: 'no PulseAudio or PipeWire server: XDG_RUNTIME_DIR is not set for the node, so there is no session sound server to record' };
  const problem = await probeSocket(sound.socket, signal);
  if (problem === undefined) return { args };
  if (problem === 'EACCES' || problem === 'EPERM') {
    throw screenError('MIC_PERMISSION_REQUIRED', `the sound server socket ${sound.socket} refused this user; run the node in the user's session or record with --no-audio`);
  }
  return { unavailable: `no PulseAudio or PipeWire server answers at ${sound.socket} (${problem}); install and start pipewire-pulse or pulseaudio to record sound` };
}

/** Connects to the socket and hangs up: undefined when a server accepted, else the error code. */
function probeSocket(path: string, signal?: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (problem: string | undefined) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(problem);
    };
    const onAbort = () => done('cancelled');
    const timer = setTimeout(() => done('ETIMEDOUT'), PROBE_TIMEOUT_MS);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}
