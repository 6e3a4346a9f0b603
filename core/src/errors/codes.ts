/**
 * @module
 * The one list of error codes. Every coded failure in the project names one of these;
 * `docs/errors.md` documents each (a test keeps the two in sync).
 *
 * `wire` is the top-level code a gateway client sees in `error.code` (the OpenClaw
 * protocol only has a handful); the specific code travels in `error.details.code`.
 * `status` is the HTTP status the control API answers with.
 */

export type WireCode = 'INVALID_REQUEST' | 'NOT_PAIRED' | 'FORBIDDEN' | 'UNAVAILABLE' | 'APPROVAL_NOT_FOUND';

export interface ErrorCodeInfo {
  readonly wire: WireCode;
  readonly status: number;
  readonly summary: string;
}

const code = (wire: WireCode, status: number, summary: string): ErrorCodeInfo => ({ wire, status, summary });

export const ERROR_CODES = {
  // Top-level protocol codes (PROTOCOL.md section 12.1).
  INVALID_REQUEST: code('INVALID_REQUEST', 400, 'The request was malformed or not allowed.'),
  NOT_PAIRED: code('NOT_PAIRED', 403, 'The device is not paired for this role.'),
  FORBIDDEN: code('FORBIDDEN', 403, 'The caller lacks a required scope.'),
  UNAVAILABLE: code('UNAVAILABLE', 503, 'The target is unavailable; the call may be retried.'),
  APPROVAL_NOT_FOUND: code('APPROVAL_NOT_FOUND', 404, 'No exec approval record matches.'),

  // Frames and transport.
  INVALID_FRAME: code('INVALID_REQUEST', 400, 'A frame was not valid JSON or not a valid req/res/event object. More than 100 of them within 10 s close the socket (1008, reason `INVALID_FRAME: …`).'),
  PAYLOAD_TOO_LARGE: code('INVALID_REQUEST', 413, 'A frame or request body exceeded the size limit.'),
  PAYLOAD_TOO_DEEP: code('INVALID_REQUEST', 400, 'JSON in a frame, payload, body or state file is nested past the depth limit.'),
  HANDSHAKE_TIMEOUT: code('UNAVAILABLE', 408, 'The client did not complete the handshake in time.'),
  HANDSHAKE_REQUIRED: code('INVALID_REQUEST', 400, 'The first request on a connection must be connect.'),
  ORIGIN_NOT_ALLOWED: code('FORBIDDEN', 403, 'A browser connected from an Origin that is not allowed.'),
  UNKNOWN_METHOD: code('INVALID_REQUEST', 404, 'The RPC method does not exist.'),
  UNAUTHORIZED_ROLE: code('INVALID_REQUEST', 403, 'The method is not available to the caller role.'),
  MISSING_SCOPE: code('FORBIDDEN', 403, 'The caller was not granted a scope the method needs.'),
  CONNECTION_CLOSED: code('UNAVAILABLE', 503, 'The connection closed before the request was answered.'),
  REQUEST_TIMEOUT: code('UNAVAILABLE', 504, 'The peer did not answer the request in time.'),
  TICK_TIMEOUT: code('UNAVAILABLE', 504, 'No frame arrived for twice the tick interval.'),
  CONNECT_FAILED: code('UNAVAILABLE', 502, 'The gateway could not be reached.'),
  TLS_FINGERPRINT_MISMATCH: code('UNAVAILABLE', 502, "The gateway's TLS certificate is not the pinned one (--tls-fingerprint)."),
  TLS_CERT_UNTRUSTED: code('UNAVAILABLE', 502, 'The gateway presented a TLS certificate no trusted CA signed for its name, and none was pinned.'),
  UNKNOWN_ROUTE: code('INVALID_REQUEST', 404, 'No HTTP route matches the method and path.'),
  INTERNAL_ERROR: code('UNAVAILABLE', 500, 'The gateway failed unexpectedly while handling the request.'),

  // Handshake and authentication (PROTOCOL.md section 12.2).
  PROTOCOL_MISMATCH: code('INVALID_REQUEST', 400, 'The client protocol range does not include a supported version.'),
  AUTH_TOKEN_MISSING: code('INVALID_REQUEST', 401, 'No gateway token was supplied.'),
  AUTH_TOKEN_MISMATCH: code('INVALID_REQUEST', 401, 'The gateway token is wrong.'),
  AUTH_DEVICE_TOKEN_MISMATCH: code('INVALID_REQUEST', 401, 'The device token is wrong or revoked.'),
  AUTH_RATE_LIMITED: code('INVALID_REQUEST', 429, 'Too many failed authentication attempts from this address.'),
  DEVICE_IDENTITY_REQUIRED: code('NOT_PAIRED', 401, 'A node connected without a device identity.'),
  DEVICE_AUTH_DEVICE_ID_MISMATCH: code('INVALID_REQUEST', 401, 'The device id is not the SHA-256 of its public key.'),
  DEVICE_AUTH_SIGNATURE_EXPIRED: code('INVALID_REQUEST', 401, 'The device signature is more than two minutes off the server clock.'),
  DEVICE_AUTH_NONCE_REQUIRED: code('INVALID_REQUEST', 401, 'The device proof carries no nonce.'),
  DEVICE_AUTH_NONCE_MISMATCH: code('INVALID_REQUEST', 401, 'The device proof nonce is not the challenge nonce.'),
  DEVICE_AUTH_SIGNATURE_INVALID: code('INVALID_REQUEST', 401, 'The device signature does not verify.'),
  DEVICE_AUTH_PUBLIC_KEY_INVALID: code('INVALID_REQUEST', 401, 'The device public key is not a valid Ed25519 key.'),
  PAIRING_REQUIRED: code('NOT_PAIRED', 403, 'The device must be approved by an operator first.'),
  CLIENT_VERSION_MISMATCH: code('INVALID_REQUEST', 400, 'The node is older than the gateway it shares an install with.'),

  // Pairing and the node registry.
  UNKNOWN_NODE: code('INVALID_REQUEST', 404, 'No node has that id.'),
  UNKNOWN_REQUEST_ID: code('INVALID_REQUEST', 404, 'No pending pairing request has that id.'),
  PAIRING_CODE_REQUIRED: code('INVALID_REQUEST', 403, 'The gateway requires the verification code to approve a node that is not on loopback.'),
  PAIRING_CODE_MISMATCH: code('INVALID_REQUEST', 403, 'The verification code given does not match the one derived from the gateway and device keys.'),
  PAIRING_APPROVAL_DENIED: code('INVALID_REQUEST', 403, 'The approver lacks a scope the request would grant, or the request is for its own device.'),
  PAIRING_CHANGED: code('UNAVAILABLE', 409, 'The node is not paired or its command surface awaits approval.'),
  NODE_NOT_FOUND: code('INVALID_REQUEST', 404, 'No node matches the given id, name or IP.'),
  NODE_AMBIGUOUS: code('INVALID_REQUEST', 409, 'Several nodes match the given id, name or IP.'),

  // Invoke.
  NOT_CONNECTED: code('UNAVAILABLE', 503, 'The node is paired but not connected.'),
  DISCONNECTED: code('UNAVAILABLE', 503, 'The node disconnected while the call was running.'),
  TIMEOUT: code('UNAVAILABLE', 504, 'The node did not answer within the invoke timeout.'),
  ABORTED: code('UNAVAILABLE', 499, 'The call was cancelled.'),
  COMMAND_NOT_ALLOWED: code('INVALID_REQUEST', 403, 'The gateway policy does not allow the command for this node.'),
  COMMAND_NOT_DECLARED: code('INVALID_REQUEST', 403, 'The node did not declare the command.'),
  COMMAND_NOT_SUPPORTED: code('UNAVAILABLE', 501, 'The node host has no handler for the command.'),
  NODE_INVOKE_FAILED: code('UNAVAILABLE', 500, 'A command handler failed unexpectedly on the node.'),
  NODE_BACKGROUND_UNAVAILABLE: code('UNAVAILABLE', 409, 'The command needs a foreground node with a display.'),
  PERMISSION_MISSING: code('UNAVAILABLE', 403, 'The node lacks an OS permission the command needs.'),
  MIC_PERMISSION_REQUIRED: code('UNAVAILABLE', 403, 'Audio was asked for, but the node may not open its microphone or audio source.'),
  SYSTEM_RUN_DENIED: code('UNAVAILABLE', 403, 'Exec approvals on the node denied the command.'),

  // Media files (canvas snapshots today; camera and screen next).
  MEDIA_PAYLOAD_INVALID: code('UNAVAILABLE', 502, "A node returned media without valid base64 data or format, or with a media url it did not upload for this call (or one it wrote in a cluster member's qualified form)."),
  MEDIA_WRITE_FAILED: code('UNAVAILABLE', 500, 'A media file could not be written to the OpenClaw temp directory.'),
  MEDIA_TRANSCODE_FAILED: code('UNAVAILABLE', 500, 'A still or clip could not be decoded or re-encoded (sharp or ffmpeg failed, or ffmpeg is missing).'),
  MEDIA_PROBE_FAILED: code('UNAVAILABLE', 500, 'A media file could not be probed for its dimensions, duration and streams.'),
  MEDIA_BUDGET_EXCEEDED: code('UNAVAILABLE', 413, 'Media stayed over its byte budget at the lowest quality and size allowed.'),
  MEDIA_NOT_FOUND: code('INVALID_REQUEST', 404, 'No stored media or upload slot matches: unknown, already used, expired, or not yours.'),
  MEDIA_STORE_FULL: code('UNAVAILABLE', 503, 'The gateway holds as much media (upload slots, uploads running, bytes on disk) as it may; retry later.'),

  // Plugins.
  PLUGIN_INVALID: code('UNAVAILABLE', 500, 'A plugin module does not export a valid plugin object.'),
  PLUGIN_NOT_FOUND: code('UNAVAILABLE', 500, 'A configured plugin package or path could not be resolved.'),
  PLUGIN_LOAD_FAILED: code('UNAVAILABLE', 500, 'A plugin module threw while being imported, did not finish loading within the start timeout, or is not a regular file of at most 32 MiB.'),
  PLUGIN_DUPLICATE_NAME: code('UNAVAILABLE', 500, 'Two plugins share a name.'),
  PLUGIN_COMMAND_CONFLICT: code('UNAVAILABLE', 500, 'Two plugins claim the same command.'),
  PLUGIN_OPTIONS_INVALID: code('UNAVAILABLE', 500, "A plugin's options do not match its schema."),
  PLUGIN_VERSION_INCOMPATIBLE: code('UNAVAILABLE', 500, 'A plugin needs a host version range this host is not in.'),
  PLUGIN_DEPENDENCY_MISSING: code('UNAVAILABLE', 500, 'A plugin depends on a plugin that is not loaded.'),
  PLUGIN_REGISTER_FAILED: code('UNAVAILABLE', 500, "A plugin's register step threw."),
  PLUGIN_START_TIMEOUT: code('UNAVAILABLE', 500, 'A plugin did not finish starting within its timeout.'),
  PLUGIN_START_FAILED: code('UNAVAILABLE', 500, "A plugin's start step threw."),
  PLUGIN_STOP_FAILED: code('UNAVAILABLE', 500, "A plugin's stop step threw or timed out."),
  PLUGIN_ERROR_CODE_CONFLICT: code('UNAVAILABLE', 500, 'Two plugins, or a plugin and core, declare the same error code.'),
  PLUGIN_POSTPROCESS_FAILED: code('UNAVAILABLE', 502, "A plugin's gateway-side processing of a command result failed."),

  // Exec: node-side enforcement and the gateway's exec tool.
  SYSTEM_RUN_DISABLED: code('UNAVAILABLE', 403, "The node's exec security is deny: it runs no commands."),
  EXEC_DENIED: code('INVALID_REQUEST', 403, "The gateway's exec policy refused the command before any node saw it."),
  EXEC_APPROVALS_FULL: code('UNAVAILABLE', 429, 'Too many commands are waiting for an operator approval, for that node or on the gateway.'),
  EXEC_PLAN_INVALID: code('UNAVAILABLE', 502, 'A node answered system.run.prepare with a plan that is malformed or out of bounds.'),
  EXEC_HOST_NOT_ALLOWED: code('INVALID_REQUEST', 403, 'An exec call asked for a host other than the configured tools.exec.host.'),
  EXEC_HOST_UNAVAILABLE: code('UNAVAILABLE', 501, 'The requested exec host (sandbox, or local gateway execution) is not available on this gateway.'),
  EXEC_NODE_NOT_ALLOWED: code('INVALID_REQUEST', 403, 'An exec call named a node other than the one exec is bound to.'),
  EXEC_NODE_REQUIRED: code('INVALID_REQUEST', 409, 'Several nodes can run commands and none was chosen; set tools.exec.node.'),
  EXEC_NODE_UNAVAILABLE: code('UNAVAILABLE', 503, 'No paired, connected node that supports system.run is available for exec.'),
  EXEC_ENV_FORBIDDEN: code('INVALID_REQUEST', 400, 'An exec call tried to set PATH or a variable that makes programs load code.'),
  EXEC_DIRECTIVE_INVALID: code('INVALID_REQUEST', 400, 'An /exec directive names an unknown host, security, ask or an empty node.'),
  UNKNOWN_TOOL: code('INVALID_REQUEST', 404, 'tools.invoke named a tool this gateway does not offer.'),
  MCP_LIMIT_REACHED: code('UNAVAILABLE', 429, 'An MCP session runs its most tool calls at once, or the gateway holds its most MCP sessions.'),
  MCP_SESSION_NOT_FOUND: code('INVALID_REQUEST', 404, 'An MCP request named a session that expired, was closed or never existed.'),

  // Config, stores and identity.
  CONFIG_INVALID: code('INVALID_REQUEST', 400, 'The config file does not match the schema.'),
  CONFIG_PARSE_ERROR: code('INVALID_REQUEST', 400, 'The config file is not valid JSON5.'),
  CONFIG_PATH_INVALID: code('INVALID_REQUEST', 400, 'A config path expression is malformed.'),
  CONFIG_PATH_NOT_FOUND: code('INVALID_REQUEST', 404, 'Nothing is set at that config path.'),
  CONFIG_ENV_MISSING: code('INVALID_REQUEST', 400, 'The config refers to an environment variable that is not set.'),
  STORE_CORRUPT: code('UNAVAILABLE', 500, 'A state file exists but cannot be parsed.'),
  STORE_WRITE_FAILED: code('UNAVAILABLE', 500, 'A state file could not be written.'),
  STATE_DIR_IN_USE: code('UNAVAILABLE', 409, 'Another gateway already runs on this state dir.'),
  CLUSTER_UNAVAILABLE: code('UNAVAILABLE', 503, "The cluster's Redis, or the member a call or media fetch needs, cannot be reached: pairing changes, calls to nodes on other gateways and media they hold fail until it is back."),
  IDENTITY_INVALID: code('UNAVAILABLE', 500, 'The stored device key pair is unreadable.'),

  // CLI.
  CLI_USAGE: code('INVALID_REQUEST', 400, 'A command-line argument is missing or malformed.'),

  // Services (node and gateway under the OS service manager).
  SERVICE_MANAGER_UNAVAILABLE: code('UNAVAILABLE', 503, 'No service manager can be reached on this machine (systemd user instance, launchd, Task Scheduler).'),
  SERVICE_ALREADY_INSTALLED: code('INVALID_REQUEST', 409, 'The service is already installed; reinstall with --force.'),
  SERVICE_NOT_INSTALLED: code('INVALID_REQUEST', 404, 'The service is not installed.'),
  SERVICE_COMMAND_FAILED: code('UNAVAILABLE', 500, 'The service manager refused or failed an operation.'),
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Whether a string has the shape of a code a plugin may declare: upper-case words joined by
 * `_` (`CAMERA_PERMISSION_REQUIRED`), at most 64 characters.
 */
export const isPluginCodeShape = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 64 && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value);

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
