/**
 * The count report with variances (count.review): each counted item with counted, expected,
 * variance quantity and value, the items not counted, and the total variance value — as the
 * core gives them (absent when it hides expected quantities from this role).
 */
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { href } from '../shell/route';
import { unitLabel } from '../i18n/units';
import { decimal } from '../projects/projects_core';
import { euros, instant } from './print_format';
import { PrintPage } from './print_page';

export function CountReport({ sessionId }: { sessionId: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useLoaded(async () => {
    const [review, list] = await Promise.all([core.query('count.review', { session_id: sessionId }), core.query('count.list', {})]);
    return { review, location: list.items.find((s) => s.id === sessionId)?.location ?? '' };
  }, [core, sessionId]);
  const r = loaded.data?.review;
  const show = r?.expected_visible ?? false;
  const value = (cents: number | undefined) => (cents === undefined ? '' : euros(i18n, cents, true));
  return (
    <PrintPage title={r ? t('print.count.title', { name: r.session.name ?? t('print.count.unnamed') }) : t('print.count.heading')}
      back={{ href: href('count', sessionId, 'review'), label: t('print.count.back') }} ready={r !== undefined} error={loaded.error} testId="print-count">
      {r && (
        <>
          <dl class="print-facts print-facts--wide">
            <div><dt>{t('print.count.location')}</dt><dd>{loaded.data?.location || '—'}</dd></div>
            <div><dt>{t('print.count.status')}</dt><dd>{r.session.status === 'closed' ? t('print.count.closed') : t('print.count.open')}</dd></div>
            <div><dt>{t('print.count.opened')}</dt><dd>{instant(i18n, r.session.opened_at)}</dd></div>
            <div><dt>{t('print.count.closed_at')}</dt><dd>{r.session.closed_at ? instant(i18n, r.session.closed_at) : '—'}</dd></div>
          </dl>
          <h3 class="print-section">{t('print.count.lines', { n: r.lines.length })}</h3>
          <table class="print-table" data-testid="count-report-lines">
            <thead>
              <tr>
                <th scope="col">{t('print.col.reference')}</th><th scope="col">{t('print.col.item')}</th><th scope="col" class="print-num">{t('print.col.counted')}</th>
                {show && <><th scope="col" class="print-num">{t('print.col.expected')}</th><th scope="col" class="print-num">{t('print.col.variance')}</th><th scope="col" class="print-num">{t('print.col.variance_value')}</th></>}
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => (
                <tr key={`${l.item_id}:${l.location_id}`}>
                  <td>{l.reference}</td><td>{l.label}{l.location_id !== r.session.location_id && <> · {l.location}</>}</td><td class="print-num">{decimal(i18n, l.counted ?? '')} {unitLabel(i18n, l.unit)}</td>
                  {show && <><td class="print-num">{decimal(i18n, l.expected ?? '')}</td><td class="print-num">{decimal(i18n, l.variance ?? '')}</td><td class="print-num">{value(l.variance_value_cents)}</td></>}
                </tr>
              ))}
            </tbody>
            {show && r.variance_value_cents !== undefined && (
              <tfoot><tr><th scope="row" colSpan={5}>{t('print.count.total_variance')}</th><td class="print-num" data-testid="count-report-total">{value(r.variance_value_cents)}</td></tr></tfoot>
            )}
          </table>
          {r.uncounted.length > 0 && (
            <>
              <h3 class="print-section">{t('print.count.uncounted', { n: r.uncounted.length })}</h3>
              <table class="print-table">
                <thead><tr><th scope="col">{t('print.col.reference')}</th><th scope="col">{t('print.col.item')}</th>{show && <th scope="col" class="print-num">{t('print.col.expected')}</th>}</tr></thead>
                <tbody>
                  {r.uncounted.map((l) => (
                    <tr key={`${l.item_id}:${l.location_id}`}><td>{l.reference}</td><td>{l.label}{l.location_id !== r.session.location_id && <> · {l.location}</>}</td>{show && <td class="print-num">{decimal(i18n, l.expected ?? '')} {unitLabel(i18n, l.unit)}</td>}</tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {!show && <p class="print-small">{t('print.count.blind')}</p>}
        </>
      )}
    </PrintPage>
  );
}
