import { OPERATOR_SCOPES } from '@openclaw-nodes/core/protocol';
import type { AuthMethod } from '../connection.js';
import type { Caller } from '../methods/method-spec.js';

const ALL_SCOPES: ReadonlySet<string> = new Set(OPERATOR_SCOPES);

/**
 * An authenticated HTTP request acting as an operator. The gateway token (and `auth.mode:
 * none` on loopback) grants every operator scope, as a loopback CLI with the shared token
 * gets; an operator device token grants the scopes its pairing approved.
 */
export class HttpCaller implements Caller {
  readonly role = 'operator' as const;
  /** An HTTP client resolves `/v1/media/<id>` against the URL it called (docs/http-api.md). */
  readonly mediaUrls = true;

  constructor(
    readonly authMethod: AuthMethod,
    readonly scopes: ReadonlySet<string> = ALL_SCOPES,
    readonly deviceId: string | undefined = undefined,
  ) {}

  hasScope(scope: string): boolean {
    return this.scopes.has(scope) || this.scopes.has('operator.admin');
  }
}
