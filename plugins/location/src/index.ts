/**
 * @module
 * The `location` capability plugin: `location.get` from gpsd or GeoClue2, off until the node's
 * `plugins.options.location.mode` turns it on, coarsened to about 1 km when `precise` is off.
 */
import { definePlugin } from '@openclaw-nodes/core/plugin';
import type { LocationGetParams } from './commands.js';
import { GeoclueAdapter } from './geoclue-adapter.js';
import { GpsdAdapter } from './gpsd-adapter.js';
import { locationGatewayPlugin } from './gateway.js';
import type { LocationAdapter } from './location-adapter.js';
import { LocationService } from './location-service.js';
import { gpsdAddress, type LocationOptions } from './options.js';
import { LOCATION_ADAPTERS_FACTORY, type LocationAdaptersFactory } from './tokens.js';

/** The system bus GeoClue lives on: `DBUS_SYSTEM_BUS_ADDRESS`, else the standard socket. */
const systemBusAddress = (): string => process.env.DBUS_SYSTEM_BUS_ADDRESS ?? 'unix:path=/var/run/dbus/system_bus_socket';

/** The providers named in `adapters`, in that order. */
export const defaultAdapters: LocationAdaptersFactory = (options: LocationOptions) =>
  options.adapters.map((name): LocationAdapter => {
    if (name === 'gpsd') {
      const { host, port } = gpsdAddress(options.gpsd);
      return new GpsdAdapter(host, port);
    }
    return new GeoclueAdapter(systemBusAddress());
  });

/**
 * The plugin object a node host loads. Running even when off, so a call that reaches it gets
 * LOCATION_DISABLED; announced (cap `location`, command `location.get`) only when on.
 *
 * @example
 * // openclaw.json on the node
 * { plugins: { enabled: ['system', 'location'], options: { location: { mode: 'whileUsing' } } } }
 */
export const locationPlugin = definePlugin({
  ...locationGatewayPlugin,
  node: {
    register(container) {
      // A host (or a test) may bind its own providers above the plugin's container.
      if (!container.isRegistered(LOCATION_ADAPTERS_FACTORY, true)) container.register(LOCATION_ADAPTERS_FACTORY, { useValue: defaultAdapters });
      container.registerSingleton(LocationService);
    },
    advertised: (container) => container.resolve(LocationService).enabled,
    permissions: (container) => container.resolve(LocationService).permissions(),
    // The host announces the surface again after new options, so turning location on or off needs no signal here.
    reconfigure: (container, options) => container.resolve(LocationService).reconfigure(options as LocationOptions),
    stop: (container) => container.resolve(LocationService).stop(),
    handlers(container) {
      const location = container.resolve(LocationService);
      return { 'location.get': (params: LocationGetParams, ctx) => location.get(params, ctx.signal) };
    },
  },
});

export default locationPlugin;
export { locationGatewayPlugin } from './gateway.js';
export { locationCommands, locationGetCommand, LocationFixSchema, LocationGetParamsSchema, type LocationFix, type LocationGetParams } from './commands.js';
export { locationErrorCodes } from './errors.js';
export { locationOptions, type LocationOptions } from './options.js';
export { LocationService } from './location-service.js';
export { LOCATION_ADAPTERS_FACTORY, type LocationAdaptersFactory } from './tokens.js';
export { ProviderUnavailable, ProviderDenied, type LocationAdapter, type ProviderFix, type FixRequest } from './location-adapter.js';
