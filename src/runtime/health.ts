/**
 * @module runtime/health — what `/readyz` asks the runtime.
 */

export interface RuntimeHealth {
  ok: boolean;
  /** Why it is not ok (or which backend answered), safe to show: URLs have no password. */
  detail?: string;
}
