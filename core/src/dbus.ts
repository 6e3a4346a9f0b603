/**
 * @module
 * A small D-Bus client for plugins that talk to the operating system's services
 * (notifications on the session bus, ModemManager on the system bus): calls with a deadline,
 * signals, and a watch on them that outlives a bus restart, over @homebridge/dbus-native, and
 * the bus addresses it accepts. A separate entry, so hosts that use no D-Bus service never load it.
 */
export { DbusClient, type DbusCall } from './dbus/dbus-client.js';
export { DbusError, type DbusFailure } from './dbus/dbus-error.js';
export { parseBusAddress, type BusSocket } from './dbus/bus-address.js';
export { BusWatch, type BusChange, type BusWatchOptions } from './dbus/bus-watch.js';
export { matchRule, type DbusSignalMatch } from './dbus/match-rule.js';
export { variantValue } from './dbus/variant.js';
