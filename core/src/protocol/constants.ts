/**
 * Wire constants of the OpenClaw gateway protocol v4 (PROTOCOL.md sections 1, 2, 11, 14).
 */

/** The protocol version this implementation speaks; `hello-ok.protocol` is always this. */
export const PROTOCOL_VERSION = 4;
/** Lowest version an operator client may ask for. */
export const MIN_CLIENT_PROTOCOL_VERSION = 4;
/** Node hosts (`role:"node"`, `client.mode:"node"`) may still speak v3. */
export const MIN_NODE_PROTOCOL_VERSION = 3;
/** `client.mode:"probe"` clients are accepted from this version on. */
export const MIN_PROBE_PROTOCOL_VERSION = 3;

export const DEFAULT_GATEWAY_PORT = 18789;
/** Tick cadence the real 2026.9.6 gateway announces in `hello-ok.policy`. */
export const DEFAULT_TICK_INTERVAL_MS = 30_000;
/** `hello-ok.policy.maxPayload`: largest frame after the handshake (25 MiB). */
export const MAX_PAYLOAD_BYTES = 26_214_400;
/** `hello-ok.policy.maxBufferedBytes`: a consumer slower than this is dropped. */
export const MAX_BUFFERED_BYTES = 52_428_800;
/**
 * Deepest nesting of any JSON text we parse from a peer or a file (a frame, an HTTP body, a
 * state file). Real frames are shallow (a `node.list` answer is 5 levels, a connect 4); the
 * danger is further down: `JSON.parse` in V8 copes with any depth, but `JSON.stringify`, zod
 * and every recursive walk overflow the stack at a few thousand levels, inside whatever
 * callback happens to touch the value. 128 is far below that and far above any real use.
 */
export const MAX_JSON_DEPTH = 128;
/**
 * Deepest nesting of one payload carried inside a frame: invoke params and results,
 * `payloadJSON`/`paramsJSON` strings, event payloads. Half of `MAX_JSON_DEPTH`, so a payload
 * at the limit still fits in any frame that wraps it (a `node.invoke` answer adds 3 levels).
 */
export const MAX_PAYLOAD_DEPTH = 64;
/** Largest frame accepted before `connect` succeeds; the gateway closes with 1009 past it. */
export const PREAUTH_MAX_BYTES = 65_536;
/** Both the server's pre-auth deadline and the client's wait for `connect.challenge`. */
export const HANDSHAKE_TIMEOUT_MS = 15_000;
/** Largest accepted distance between `device.signedAt` and the server clock. */
export const CLOCK_SKEW_MS = 120_000;

/** The closed set of operator scopes; `operator.admin` satisfies every scope check. */
export const OPERATOR_SCOPES = [
  'operator.read',
  'operator.write',
  'operator.admin',
  'operator.approvals',
  'operator.questions',
  'operator.pairing',
  'operator.talk',
  'operator.talk.secrets',
] as const;
export type OperatorScope = (typeof OPERATOR_SCOPES)[number];

/** Roles a gateway connection may take (`worker` uses a separate endpoint). */
export const CLIENT_ROLES = ['operator', 'node'] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];

/**
 * `connect.params.client.id` is a closed enum in the shipped schema. Every id the
 * gateway-protocol package knows is listed so that any real client still validates.
 */
export const CLIENT_IDS = [
  'node-host',
  'openclaw-macos',
  'openclaw-ios',
  'openclaw-android',
  'openclaw-watchos',
  'openclaw-linux',
  'cli',
  'gateway-client',
  'openclaw-control-ui',
  'openclaw-browser-copilot',
  'openclaw-tui',
  'openclaw-worker',
  'openclaw-probe',
  'webchat',
  'webchat-ui',
  'fingerprint',
  'test',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

/** `connect.params.client.mode`, also a closed enum. */
export const CLIENT_MODES = ['node', 'cli', 'backend', 'ui', 'webchat', 'probe', 'worker', 'test'] as const;
export type ClientMode = (typeof CLIENT_MODES)[number];

/**
 * `connect.params.client.displayName` of `openclaw mcp serve`: the gateway counts that
 * connection's `node.invoke` and `tools.invoke` calls as MCP tool calls of its caller.
 */
export const MCP_CLIENT_DISPLAY_NAME = 'openclaw mcp serve';

/** MCP clients accept tool names of `[A-Za-z0-9_-]{1,64}` everywhere; dots are not accepted by all. */
export const MAX_MCP_TOOL_NAME = 64;

/**
 * The MCP tool name of a node command: `system.which` → `system_which`, cut to 64 characters.
 *
 * @example
 * mcpToolName('canvas.a2ui.push'); // 'canvas_a2ui_push'
 */
export const mcpToolName = (command: string): string => command.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, MAX_MCP_TOOL_NAME);

/**
 * The `caps` entry an operator client sends in `connect` to say it fetches a media result's
 * gateway `url` itself. Operators without it (OpenClaw's own CLI, which only takes https URLs
 * on the node's address) get such media inline as base64 within a frame, or `PAYLOAD_TOO_LARGE`.
 * Kept here, with no schema beside it, so a client that only connects loads no zod.
 */
export const MEDIA_URL_CLIENT_CAP = 'media-url';
