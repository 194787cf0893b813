/**
 * One user action sent to the core: busy flag, the core's error (shown inline), a run().
 * `area` picks the catalog keys the error message is looked up under (coreErrorMessage).
 */
import { useState } from 'preact/hooks';
import { CoreError } from './core_error';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';

export interface Action {
  busy: boolean;
  error: CoreError | null;
  /** The error in the user's language ('' when none). */
  message: string;
  /** Runs `fn` unless one is running; resolves true when it succeeded. */
  run(fn: () => Promise<unknown>): Promise<boolean>;
  clear(): void;
}

export function useAction(area: string): Action {
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  return {
    busy,
    error,
    message: error === null ? '' : coreErrorMessage(i18n, area, error),
    async run(fn) {
      if (busy) return false;
      setBusy(true);
      setError(null);
      try {
        await fn();
        return true;
      } catch (thrown) {
        setError(CoreError.from(thrown));
        return false;
      } finally {
        setBusy(false);
      }
    },
    clear: () => setError(null),
  };
}
