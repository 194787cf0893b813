/** One user action sent to the core: busy flag, the core's error (shown inline), a run(). */
import { useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
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

export function useAction(): Action {
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  return {
    busy,
    error,
    message: error === null ? '' : coreErrorMessage(i18n, 'work', error),
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
