/**
 * Sync status, always visible while signed in: online/offline, changes waiting to be sent,
 * the last successful sync, a "sync now" button, progress during a large pull, the last
 * error with when the next attempt is due, and the changes the server refused, each with its
 * reason in plain words and a way to dismiss it. It shows what the worker's sync loop
 * reports (wasm/sync_loop.ts); it decides nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Rejection, SyncStatus } from '../core/protocol';
import { CoreError } from '../core/core_error';
import { useCore } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n, type I18n } from '../i18n/i18n';

function useNow(periodMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

function ago(i18n: I18n, at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 10) return i18n.t('sync.just_now');
  if (seconds < 60) return i18n.t('sync.seconds_ago', { n: seconds });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return i18n.t('sync.minutes_ago', { n: minutes });
  return new Date(at).toLocaleString(i18n.language);
}

function RejectionItem({ rejection, onDismiss }: { rejection: Rejection; onDismiss: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = coreErrorMessage(i18n, 'sync.rejected', new CoreError({ code: rejection.code as CoreError['code'], message: rejection.message }));
  const advice = i18n.lookup(`sync.rejected.advice.${rejection.code}`) ?? t('sync.rejected.advice.other');
  return (
    <li class="rejection" data-testid="rejection" data-code={rejection.code}>
      <p class="rejection__what">
        {t('sync.rejected.what', { change: i18n.lookup(`mutator.${rejection.name}`) ?? rejection.name, when: new Date(rejection.at).toLocaleString(i18n.language) })}
      </p>
      <p class="rejection__why">{reason}</p>
      <p class="rejection__advice">{advice}</p>
      <button type="button" class="button" onClick={onDismiss} data-testid="rejection-dismiss">
        {t('sync.rejected.dismiss')}
      </button>
    </li>
  );
}

/** Bytes as megabytes with one decimal, in the reader's language. */
function megabytes(bytes: number, language: string): string {
  return (bytes / 1e6).toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function SyncStatusBar() {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const now = useNow(5000);

  useEffect(() => {
    const stop = core.watchSync(setStatus);
    const onVisible = () => {
      if (document.visibilityState === 'visible') core.syncNow('visible');
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [core]);

  if (status === null) return null;
  const busy = status.phase !== 'idle';
  const progress = status.progress;
  const state = !status.online ? 'offline' : status.lastError ? 'error' : busy ? 'syncing' : 'online';
  const error = status.lastError ? coreErrorMessage(i18n, 'sync', new CoreError({ code: status.lastError.code, message: status.lastError.message })) : '';
  return (
    <section class={`sync sync--${state}`} aria-label={t('sync.label')} data-testid="sync-status" data-state={state}
      data-pending={status.pending} data-live={status.live ? 'yes' : 'no'} data-last-success={status.lastSuccessAt ?? ''}>
      <div class="sync__row">
        <p class="sync__network" role="status">
          <span class="sync__dot" aria-hidden="true" />
          {t(`sync.state.${state}`)}
        </p>
        <p class="sync__pending" data-testid="sync-pending">
          {status.pending === 0 ? t('sync.pending.none') : t('sync.pending.some', { n: status.pending })}
        </p>
        <p class="sync__last" data-testid="sync-last">
          {status.lastSuccessAt === null ? t('sync.never') : t('sync.last', { when: ago(i18n, status.lastSuccessAt, now) })}
        </p>
        <button type="button" class="button sync__now" onClick={() => core.syncNow('button')}
          aria-disabled={busy ? 'true' : undefined} data-testid="sync-now">
          {busy ? t('sync.running') : t('sync.now')}
        </button>
      </div>
      {progress && progress.bytes !== undefined && progress.bytes > 0 && (
        <div class="sync__progress" data-testid="sync-progress" data-kind="snapshot">
          <label for="sync-progress-bar">
            {progress.totalBytes
              ? t('sync.download', { received: megabytes(progress.bytes, i18n.language), total: megabytes(progress.totalBytes, i18n.language) })
              : t('sync.download_open', { received: megabytes(progress.bytes, i18n.language) })}
          </label>
          <progress id="sync-progress-bar" max={progress.totalBytes ?? undefined} value={progress.totalBytes ? progress.bytes : undefined} />
        </div>
      )}
      {progress && progress.rows > 0 && (
        <div class="sync__progress" data-testid="sync-progress" data-kind="rows">
          <label for="sync-progress-bar">{t('sync.progress', { rows: progress.rows.toLocaleString(i18n.language) })}</label>
          <progress id="sync-progress-bar" max={progress.until ?? 1} value={Math.min(progress.reached, progress.until ?? 1)} />
        </div>
      )}
      {status.lastError && (
        <p class="sync__error" role="alert" data-testid="sync-error" data-code={status.lastError.code}>
          {error}
          {status.nextRetryAt !== null && ` ${t('sync.retry_in', { seconds: Math.max(1, Math.round((status.nextRetryAt - now) / 1000)) })}`}
        </p>
      )}
      {status.rejections.length > 0 && (
        <details class="sync__rejections" open data-testid="rejections">
          <summary>{t('sync.rejected.title', { n: status.rejections.length })}</summary>
          <ul class="list">
            {status.rejections.map((rejection) => (
              <RejectionItem key={rejection.mutation_id} rejection={rejection}
                onDismiss={() => void core.dismissRejection(rejection.mutation_id)} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
