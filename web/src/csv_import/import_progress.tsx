/** The import under way: a progress bar over the file's lines and a button that stops after the current piece. */
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export function ImportProgress({ done, total, stopping, onCancel }: { done: number; total: number; stopping: boolean; onCancel: () => void }) {
  const { t, language } = useI18n();
  const number = new Intl.NumberFormat(language);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <section class="card import-progress" aria-labelledby="import-progress-title" data-testid="import-progress">
      <h3 id="import-progress-title" class="card__title">
        {t('import.progress.title')}
      </h3>
      <div
        class="import-progress__bar"
        role="progressbar"
        aria-labelledby="import-progress-title"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={t('import.progress.text', { done: number.format(done), total: number.format(total) })}
        data-testid="import-progressbar"
      >
        <span class="import-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <p class="import-progress__text" aria-live="polite">
        {stopping ? t('import.progress.stopping') : t('import.progress.text', { done: number.format(done), total: number.format(total) })}
      </p>
      <button ref={button} type="button" class="button button--secondary" disabled={stopping} onClick={onCancel} data-testid="import-cancel">
        {t('import.progress.cancel')}
      </button>
    </section>
  );
}
