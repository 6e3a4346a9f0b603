import type { CommandSpec, PluginDefinition } from '@openclaw-nodes/core/plugin';

/**
 * The built-in plugins' light `./gateway` entries: their command tables (zod params,
 * descriptions, dangerous flags) without any node side.
 */
const BUILTINS: ReadonlyArray<() => Promise<PluginDefinition>> = [
  async () => (await import('@openclaw-nodes/plugin-system/gateway')).systemGatewayPlugin,
  async () => (await import('@openclaw-nodes/plugin-canvas/gateway')).canvasGatewayPlugin,
  async () => (await import('@openclaw-nodes/plugin-camera/gateway')).cameraGatewayPlugin,
  async () => (await import('@openclaw-nodes/plugin-location/gateway')).locationGatewayPlugin,
  async () => (await import('@openclaw-nodes/plugin-screen/gateway')).screenGatewayPlugin,
  async () => (await import('@openclaw-nodes/plugin-notify/gateway')).notifyGatewayPlugin,
  async () => (await import('@openclaw-nodes/plugin-sms/gateway')).smsGatewayPlugin,
];

/**
 * Every built-in command spec by name, loaded once. Third-party commands are looked up
 * elsewhere (the gateway's plugin host) or get a generic schema (`toolForCommand`).
 *
 * @example
 * const specs = await builtinCommandSpecs();
 * specs.get('system.which')?.description;
 */
export const builtinCommandSpecs = (() => {
  let loaded: Promise<ReadonlyMap<string, CommandSpec>> | undefined;
  return (): Promise<ReadonlyMap<string, CommandSpec>> =>
    (loaded ??= Promise.all(BUILTINS.map((load) => load())).then((plugins) => new Map(plugins.flatMap((p) => p.commands.map((c) => [c.name, c] as const)))));
})();
