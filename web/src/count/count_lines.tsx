/**
 * The running list of a count: one row per counted item, the most recently counted first,
 * with the counted total and, when the core shows them, the expected quantity and the
 * variance. "Undo last line" removes the session's most recent line (count.undo_last) and
 * names its item: the first row, whose last line is the session's latest.
 */
import { useI18n } from '../i18n/i18n';
import type { CountReview } from './contract';

interface Props {
  review: CountReview;
  onUndo(): void;
  busy: boolean;
  canUndo: boolean;
}

export function varianceTone(variance: string | undefined): string {
  if (variance === undefined) return '';
  if (variance.startsWith('-')) return 'count-variance--minus';
  return /^0(\.0*)?$/.test(variance) ? 'count-variance--zero' : 'count-variance--plus';
}

/** "+2" for a surplus: the core's signed decimal, with the plus sign written out. */
export function signed(variance: string): string {
  return variance.startsWith('-') || /^0(\.0*)?$/.test(variance) ? variance.replace('-', '−') : `+${variance}`;
}

export function CountLines({ review, onUndo, busy, canUndo }: Props) {
  const { t } = useI18n();
  const lines = [...review.lines].sort((a, b) => (b.counted_at ?? 0) - (a.counted_at ?? 0));
  const show = review.expected_visible;
  return (
    <section class="card count-lines" aria-labelledby="count-lines-title" data-testid="count-lines">
      <div class="count-panel__head">
        <h3 id="count-lines-title" class="card__title">
          {t('count.lines.title')} <span class="card__count">{lines.length}</span>
        </h3>
        {canUndo && (
        <button
          type="button"
          class="button count-button--secondary"
          onClick={onUndo}
          aria-disabled={busy || lines.length === 0 ? 'true' : undefined}
          disabled={lines.length === 0}
          data-testid="count-undo"
        >
          {lines.length === 0 ? t('count.undo') : t('count.undo_named', { reference: lines[0]!.reference, label: lines[0]!.label })}
        </button>
        )}
      </div>
      {lines.length === 0 ? (
        <p class="list__message" data-testid="count-lines-empty">
          {t('count.lines.empty')}
        </p>
      ) : (
        <ul class="list">
          {lines.map((line) => (
            <li key={`${line.item_id}:${line.location_id}`} class="list__item count-line" data-testid="count-line" data-item={line.reference} data-place={line.location_id}>
              <span class="count-item">
                <strong>{line.reference}</strong> <span>{line.label}</span>
                {line.location_id !== review.session.location_id && (
                  <span class="count-place" data-testid="count-line-place">
                    {line.location}
                  </span>
                )}
              </span>
              <span class="count-line__figures">
                <span class="count-figure" data-testid="count-line-counted">
                  <span class="count-figure__label">{t('count.lines.counted')}</span>
                  <strong>{line.counted}</strong>
                </span>
                {show && line.expected !== undefined && (
                  <span class="count-figure" data-testid="count-line-expected">
                    <span class="count-figure__label">{t('count.lines.expected')}</span>
                    {line.expected}
                  </span>
                )}
                {show && line.variance !== undefined && (
                  <span class={`count-figure count-variance ${varianceTone(line.variance)}`} data-testid="count-line-variance">
                    <span class="count-figure__label">{t('count.lines.variance')}</span>
                    {signed(line.variance)}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
