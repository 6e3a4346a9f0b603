/** Why a D-Bus call failed: the bus could not be reached, it did not answer in time, or the peer answered an error. */
export type DbusFailure = 'unreachable' | 'timeout' | 'remote';

/**
 * A failed D-Bus call. `dbusName` is the error name the peer sent
 * (`org.freedesktop.DBus.Error.ServiceUnknown`, `org.freedesktop.ModemManager1.Error…`)
 * when `kind` is `remote`. Callers turn it into their own coded error.
 */
export class DbusError extends Error {
  override readonly name = 'DbusError';
  constructor(
    readonly kind: DbusFailure,
    message: string,
    readonly dbusName?: string,
  ) {
    super(message);
  }
}
