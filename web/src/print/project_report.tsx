/**
 * The project cost report (project.cost): the project, its budget against the actual cost by
 * kind (materials, labour, other), the cost lines and the totals — every figure the core's,
 * with the core's overrun alert.
 */
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { href } from '../shell/route';
import { decimal } from '../projects/projects_core';
import { day, euros } from './print_format';
import { PrintPage } from './print_page';

export function ProjectReport({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useLoaded(async () => {
    const [cost, list] = await Promise.all([core.query('project.cost', { id }), core.query('project.list', {})]);
    return { cost, project: list.items.find((p) => p.id === id) ?? null };
  }, [core, id]);
  const c = loaded.data?.cost;
  const p = loaded.data?.project;
  const over = c?.alerts.includes('over_budget') ?? false;
  const total = (label: string, cents: number, key: string) => (
    <tr data-testid={`report-${key}`}><th scope="row">{label}</th><td class="print-num">{euros(i18n, cents)}</td></tr>
  );
  return (
    <PrintPage title={c ? t('print.project.title', { code: c.code, name: c.name }) : t('print.project.heading')} back={{ href: href('projects', id), label: t('print.project.back') }}
      ready={c !== undefined} error={loaded.error} testId="print-project">
      {c && (
        <>
          <dl class="print-facts print-facts--wide">
            <div><dt>{t('print.project.client')}</dt><dd>{p?.client ?? '—'}</dd></div>
            <div><dt>{t('print.project.status')}</dt><dd>{i18n.lookup(`projects.status.${c.status}`) ?? c.status}</dd></div>
            <div><dt>{t('print.project.dates')}</dt><dd>{p?.start_date || p?.end_date ? `${day(i18n, p?.start_date) || '…'} → ${day(i18n, p?.end_date) || '…'}` : '—'}</dd></div>
            <div><dt>{t('print.project.hours')}</dt><dd>{t('print.project.hours_value', { logged: decimal(i18n, c.logged_hours), estimated: decimal(i18n, c.estimated_hours) })}</dd></div>
          </dl>
          {over && <p class="print-alert" data-testid="report-overrun">{t('print.project.over_budget', { amount: euros(i18n, c.cost_cents - c.budget_cents) })}</p>}
          <h3 class="print-section">{t('print.project.summary')}</h3>
          <table class="print-table print-table--summary">
            <tbody>
              {total(t('print.project.budget'), c.budget_cents, 'budget')}
              {total(t('print.project.materials'), c.materials_cents, 'materials')}
              {total(t('print.project.labour'), c.labour_cents, 'labour')}
              {total(t('print.project.other'), c.other_cents, 'other')}
            </tbody>
            <tfoot>
              {total(t('print.project.cost'), c.cost_cents, 'cost')}
              {c.consumed_pct !== null && <tr><th scope="row">{t('print.project.consumed')}</th><td class="print-num">{decimal(i18n, c.consumed_pct)} %</td></tr>}
              {c.forecast_cents !== null && total(t('print.project.forecast'), c.forecast_cents, 'forecast')}
            </tfoot>
          </table>
          <h3 class="print-section">{t('print.project.lines')}</h3>
          {c.cost_lines.length === 0 ? <p>{t('print.none')}</p> : (
            <table class="print-table">
              <thead><tr><th scope="col">{t('print.col.date')}</th><th scope="col">{t('print.col.label')}</th><th scope="col">{t('print.col.note')}</th><th scope="col" class="print-num">{t('print.col.amount')}</th></tr></thead>
              <tbody>
                {c.cost_lines.map((l) => (
                  <tr key={l.id}><td>{day(i18n, l.incurred_on)}</td><td>{l.label}</td><td>{l.note ?? ''}</td><td class="print-num">{euros(i18n, l.amount_cents)}</td></tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row" colSpan={3}>{t('print.project.other')}</th><td class="print-num">{euros(i18n, c.other_cents)}</td></tr></tfoot>
            </table>
          )}
          {c.missing_rates.length > 0 && <p class="print-small">{t('print.project.missing_rates', { n: c.missing_rates.length })}</p>}
        </>
      )}
    </PrintPage>
  );
}
