/**
 * @module
 * A small D-Bus client for plugins that talk to the operating system's services
 * (notifications on the session bus, ModemManager on the system bus): calls with a deadline
 * over @homebridge/dbus-native, and the bus addresses it accepts. A separate entry, so hosts
 * that use no D-Bus service never load it.
 */
export { DbusClient, type DbusCall } from './dbus/dbus-client.js';
export { DbusError, type DbusFailure } from './dbus/dbus-error.js';
export { parseBusAddress, type BusSocket } from './dbus/bus-address.js';
