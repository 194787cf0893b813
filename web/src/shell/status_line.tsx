/**
 * Shows whether the core is starting, ready (with its versions) or failed. Once ready it
 * also carries where the database lives (`data-storage`) and the startup integrity
 * check (`data-integrity`); StorageBanner explains them when they are not good news.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CoreState as CoreStartState } from '../core/protocol';
import { CoreError } from '../core/core_error';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';

type CoreState =
  | { state: 'loading' }
  | { state: 'ready'; core: CoreStartState }
  | { state: 'failed'; error: CoreError };

export function StatusLine() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState<CoreState>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    core.ready.then(
      (state) => live && setStatus({ state: 'ready', core: state }),
      (thrown: unknown) => live && setStatus({ state: 'failed', error: CoreError.from(thrown) }),
    );
    return () => {
      live = false;
    };
  }, [core]);

  return (
    <p
      class={`status status--${status.state}`}
      role="status" data-testid="core-status"
      data-state={status.state}
      data-storage={status.state === 'ready' ? status.core.storage : undefined}
      data-integrity={status.state === 'ready' ? status.core.integrity : undefined}
    >
      <span class="status__dot" aria-hidden="true" />
      {status.state === 'loading' && t('status.loading')}
      {status.state === 'ready' && (
        <span data-testid="versions">
          {t('status.ready', {
            core: status.core.versions.core,
            sqlite: status.core.versions.sqlite,
            schema: status.core.versions.schema,
          })}
        </span>
      )}
      {status.state === 'failed' && t('status.failed', { message: coreErrorMessage(i18n, 'status', status.error) })}
    </p>
  );
}
