/**
 * `CoreError`: a failure reported by the core, rethrown in the UI as a typed exception.
 * `code` is machine-readable (see CoreErrorCode), `field` names the argument concerned,
 * `message` is the core's own (English) text, kept as the fallback of translations.
 */
import type { CoreErrorCode, CoreErrorInfo } from '../../../wasm/protocol';

export type { CoreErrorCode, CoreErrorInfo };

export class CoreError extends Error {
  readonly code: CoreErrorCode;
  readonly field: string | undefined;

  constructor(info: CoreErrorInfo) {
    super(info.message);
    this.name = 'CoreError';
    this.code = info.code;
    this.field = info.field;
  }

  /** Wraps anything thrown into a CoreError (non-core failures become `internal`). */
  static from(thrown: unknown): CoreError {
    if (thrown instanceof CoreError) return thrown;
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return new CoreError({ code: 'internal', message });
  }
}
