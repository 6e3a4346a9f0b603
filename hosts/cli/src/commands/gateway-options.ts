import type { Command } from 'commander';

/** The connection options of every gateway-talking command (CLI.md section 1.1). */
export function withGatewayOptions(command: Command, timeoutMs: number): Command {
  return command
    .option('--url <url>', 'gateway WebSocket URL (default ws://127.0.0.1:<gateway.port>)')
    .option('--token <token>', 'gateway token (default $OPENCLAW_GATEWAY_TOKEN, then gateway.auth.token)')
    .option('--tls-fingerprint <sha256>', "pin a wss:// gateway's certificate by SHA-256 (default gateway.remote.tlsFingerprint in remote mode)")
    .option('--timeout <ms>', `how long to wait for the gateway (default ${timeoutMs})`)
    .option('--json', 'print machine-readable JSON');
}
