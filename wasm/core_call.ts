/**
 * Calling the wasm module from the worker: every embind function returns JSON text (the
 * core's envelope `{ok, result}` or `{ok: false, code, message, field?}`, see
 * invento_core.d.ts). These helpers parse it into a `CoreReply` and turn anything else —
 * an unparsable reply, or a C++ exception escaping as a bare number — into an `internal`
 * error value, so no call into the module ever throws.
 *
 * The shipped module is built without C++ exceptions (cmake/wasm_flags.cmake): a bug that
 * would have thrown aborts it instead, and the call throws a `WebAssembly.RuntimeError`. An
 * aborted module must not be called again (its heap and its open transaction are in an
 * unknown state), so from then on every call is refused with an error asking for a reload.
 * Nothing committed is lost: the aborted call's transaction never committed, and reloading
 * starts a new worker that reopens the database.
 */
import type { CoreErrorCode, CoreErrorInfo, CoreReply } from './protocol';

/** The core's flat envelope, as returned by the bindings. */
type RawReply = { ok: true; result?: unknown } | ({ ok: false } & CoreErrorInfo);

export function failure(code: CoreErrorCode, message: string): { ok: false; error: CoreErrorInfo } {
  return { ok: false, error: { code, message } };
}

export function internalError(message: string): { ok: false; error: CoreErrorInfo } {
  return failure('internal', message);
}

export function describe(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  // A C++ exception escaping embind arrives as a bare number (a pointer).
  return `unexpected exception from the core (${String(thrown)})`;
}

/** Why the module stopped (it aborted), or null while it runs. */
let stoppedBecause: string | null = null;

export function moduleStopped(): string | null {
  return stoppedBecause;
}

function stoppedError(): { ok: false; error: CoreErrorInfo } {
  return internalError(
    `the local database engine stopped after an internal error (${stoppedBecause}); ` +
      'reload the app to continue — nothing saved is lost',
  );
}

/** Calls into the module and parses the JSON it returns. */
export function call(fn: () => string): { ok: true; value: unknown } | { ok: false; error: CoreErrorInfo } {
  if (stoppedBecause !== null) return stoppedError();
  let text: string;
  try {
    text = fn();
  } catch (thrown) {
    if (thrown instanceof WebAssembly.RuntimeError) {
      stoppedBecause = thrown.message || 'aborted';
      return stoppedError();
    }
    return internalError(describe(thrown));
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (thrown) {
    return internalError(describe(thrown));
  }
}

/** Calls a module function that answers with the core's envelope; returns a CoreReply. */
export function invoke<T>(fn: () => string): CoreReply<T> {
  const parsed = call(fn);
  if (!parsed.ok) return parsed;
  const raw = parsed.value as RawReply;
  if (typeof raw !== 'object' || raw === null || typeof raw.ok !== 'boolean') {
    return internalError('malformed reply from the core');
  }
  if (raw.ok) return { ok: true, result: raw.result as T };
  const error: CoreErrorInfo = { code: raw.code, message: raw.message };
  if (raw.field !== undefined) error.field = raw.field;
  return { ok: false, error };
}
