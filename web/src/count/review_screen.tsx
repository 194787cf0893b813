/**
 * Variance review (#/count/<session>/review): per counted item the counted and expected
 * quantities and the variance in quantity and value, the items in scope never counted, the
 * total variance value — all computed by the core (count.review), which hides expected
 * figures in a blind count from technicians. Closing (count.close) asks for a confirmation
 * and is offered only to the roles the core allows.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import type { CountReview } from './contract';
import { CountExport } from './count_export';
import { signed, varianceTone } from './count_lines';
import { unitLabel } from '../i18n/units';

export function ReviewScreen({ sessionId }: { sessionId: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const [review, setReview] = useState<CountReview | null>(null);
  const [location, setLocation] = useState('');
  const [failure, setFailure] = useState<CoreError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [closeError, setCloseError] = useState<CoreError | null>(null);
  const [notice, setNotice] = useState('');
  const confirmButton = useRef<HTMLButtonElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [next, list] = await Promise.all([core.query('count.review', { session_id: sessionId }), core.query('count.list', {})]);
      setReview(next);
      setLocation(list.items.find((s) => s.id === sessionId)?.location ?? '');
      setFailure(null);
    } catch (thrown) {
      setFailure(CoreError.from(thrown));
    }
  }, [core, sessionId]);
  const received = useReceived();
  useEffect(() => {
    void refresh();
  }, [refresh, received]);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  async function close() {
    if (busy) return;
    setBusy(true);
    setCloseError(null);
    try {
      const { observations } = await core.mutate('count.close', { session_id: sessionId });
      setNotice(t('count.review.closed_done', { count: observations }));
      setConfirming(false);
      await refresh();
    } catch (thrown) {
      setCloseError(CoreError.from(thrown));
    } finally {
      setBusy(false);
    }
  }

  if (failure !== null) {
    return (
      <p class="list__message list__message--error" role="alert" data-testid="count-load-error">
        {t('count.load_failed', { message: coreErrorMessage(i18n, 'count', failure) })}
      </p>
    );
  }
  if (review === null) return <p class="list__message">{t('count.loading')}</p>;

  const show = review.expected_visible;
  const closed = review.session.status === 'closed';
  const money = (cents: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR', signDisplay: 'exceptZero' }).format(cents / 100);
  return (
    <section class="screen count-screen" aria-labelledby="count-review-title" data-testid="count-review" data-status={review.session.status}>
      <div class="count-heading">
        <div>
          <h2 id="count-review-title" class="screen__title count-heading__title">
            {t('count.review.title', { name: review.session.name ?? t('count.unnamed') })}
          </h2>
          <p class="count-heading__meta">
            {location}
            {review.session.blind && <span class="badge count-badge">{t('count.blind')}</span>}
            <span class={`badge count-badge ${closed ? 'count-badge--closed' : 'count-badge--open'}`} data-testid="count-review-status">
              {closed ? t('count.status.closed') : t('count.status.open')}
            </span>
          </p>
        </div>
        <div class="count-heading__actions">
          <a class="button count-button--secondary" href={href('count')} data-testid="count-review-to-list">
            {t('count.back')}
          </a>
          <CountExport sessionId={sessionId} />
          <a class="button count-button--secondary" href={href('print', 'count', sessionId)} data-testid="count-review-print">{t('count.review.print')}</a>
          {!closed && (
            <a class="button count-button--secondary" href={href('count', sessionId)} data-testid="count-review-back">
              {t('count.review.continue')}
            </a>
          )}
        </div>
      </div>

      <p class="count-message" role="status" data-testid="count-review-notice">
        {notice}
      </p>

      {show ? (
        <p class="count-total" data-testid="count-review-total">
          {t('count.review.total_value')} <strong>{money(review.variance_value_cents ?? 0)}</strong>
        </p>
      ) : (
        <p class="banner banner--info" data-testid="count-review-hidden">
          {t('count.review.hidden')}
        </p>
      )}

      {/* Closing comes before the lists, so it is reached without scrolling past every line. */}
      {!closed && can('count.close') && (
        <section class="card count-close" aria-labelledby="count-close-title" data-testid="count-close">
          <h3 id="count-close-title" class="card__title">
            {t('count.review.close_title')}
          </h3>
          <p class="count-message">{t('count.review.close_explain')}</p>
          {!confirming ? (
            <button type="button" class="button button--primary" onClick={() => setConfirming(true)} data-testid="count-close-start">
              {t('count.review.close')}
            </button>
          ) : (
            <div class="count-confirm" role="group" aria-labelledby="count-confirm-text">
              <p id="count-confirm-text" class="count-confirm__text">
                {t('count.review.confirm', { uncounted: review.uncounted.length })}
              </p>
              <div class="count-entry__actions">
                <button
                  ref={confirmButton}
                  type="button"
                  class="button count-button--danger"
                  onClick={() => void close()}
                  aria-disabled={busy ? 'true' : undefined}
                  data-testid="count-close-confirm"
                >
                  {t('count.review.confirm_yes')}
                </button>
                <button type="button" class="button count-button--secondary" onClick={() => setConfirming(false)} data-testid="count-close-cancel">
                  {t('count.review.confirm_no')}
                </button>
              </div>
            </div>
          )}
          <p class="field__error" aria-live="assertive" data-testid="count-close-error">
            {closeError === null ? '' : coreErrorMessage(i18n, 'count', closeError)}
          </p>
        </section>
      )}

      <section class="card" aria-labelledby="count-review-lines-title">
        <h3 id="count-review-lines-title" class="card__title">
          {t('count.review.counted_title')} <span class="card__count">{review.lines.length}</span>
        </h3>
        {review.lines.length === 0 ? (
          <p class="list__message">{t('count.lines.empty')}</p>
        ) : (
          <div class="count-table-wrap">
            <table class="count-table" data-testid="count-review-table">
              <thead>
                <tr>
                  <th scope="col">{t('count.review.item')}</th>
                  <th scope="col" class="count-num">
                    {t('count.lines.counted')}
                  </th>
                  {show && (
                    <th scope="col" class="count-num">
                      {t('count.lines.expected')}
                    </th>
                  )}
                  {show && (
                    <th scope="col" class="count-num">
                      {t('count.lines.variance')}
                    </th>
                  )}
                  {show && (
                    <th scope="col" class="count-num">
                      {t('count.review.value')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {review.lines.map((line) => (
                  <tr key={`${line.item_id}:${line.location_id}`} data-testid="count-review-line" data-item={line.reference} data-place={line.location_id}>
                    <th scope="row">
                      <strong>{line.reference}</strong> <span class="count-table__label">{line.label}</span>
                      {line.location_id !== review.session.location_id && (
                        <span class="count-place" data-testid="count-review-place">
                          {line.location}
                        </span>
                      )}
                    </th>
                    <td class="count-num" data-testid="count-review-counted">
                      {line.counted} <span class="count-unit">{unitLabel(i18n, line.unit)}</span>
                    </td>
                    {show && <td class="count-num">{line.expected}</td>}
                    {show && (
                      <td class={`count-num count-variance ${varianceTone(line.variance)}`} data-testid="count-review-variance">
                        {line.variance === undefined ? '' : signed(line.variance)}
                      </td>
                    )}
                    {show && (
                      <td class="count-num" data-testid="count-review-value">
                        {money(line.variance_value_cents ?? 0)}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="card count-uncounted" aria-labelledby="count-uncounted-title" data-testid="count-uncounted">
        <h3 id="count-uncounted-title" class="card__title">
          {t('count.review.uncounted_title')} <span class="card__count">{review.uncounted.length}</span>
        </h3>
        {review.uncounted.length === 0 ? (
          <p class="list__message">{t('count.review.uncounted_none')}</p>
        ) : (
          <ul class="list">
            {review.uncounted.map((line) => (
              <li key={`${line.item_id}:${line.location_id}`} class="list__item" data-testid="count-uncounted-item" data-place={line.location_id}>
                <span class="count-item">
                  <strong>{line.reference}</strong> <span>{line.label}</span>
                  {line.location_id !== review.session.location_id && <span class="count-place">{line.location}</span>}
                </span>
                {show && line.expected !== undefined && (
                  <span class="count-figure">
                    <span class="count-figure__label">{t('count.lines.expected')}</span>
                    {line.expected}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

    </section>
  );
}
