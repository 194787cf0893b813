/**
 * The work-order sheet (task.get): title, status, asset, site, assignees, planned dates, the
 * checklist with boxes, planned materials, logged time, a signature area and a QR code of the
 * work order's id, to take on site or file.
 */
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { href } from '../shell/route';
import { unitLabel } from '../i18n/units';
import { decimal } from '../projects/projects_core';
import { day, instant } from './print_format';
import { PrintPage } from './print_page';
import { QrCode } from './qr_code';

export function TaskSheet({ id }: { id: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useLoaded(async () => {
    const task = await core.query('task.get', { id });
    const [asset, locations] = await Promise.all([
      task.asset_id ? core.query('asset.get', { id: task.asset_id }).catch(() => null) : Promise.resolve(null),
      task.location_id ? core.query('location.list', { include_archived: true }).catch(() => null) : Promise.resolve(null),
    ]);
    return { task, asset: asset?.name ?? '', site: locations?.items.find((l) => l.id === task.location_id)?.name ?? '' };
  }, [core, id]);
  const d = loaded.data;
  const task = d?.task;
  const status = task ? (i18n.lookup(`work.status.${task.status}`) ?? task.status) : '';
  return (
    <PrintPage title={task ? t('print.task.title', { title: task.title }) : t('print.task.heading')} back={{ href: href('work', id), label: t('print.task.back') }}
      ready={d !== null} error={loaded.error} testId="print-task">
      {task && d && (
        <>
          <div class="print-head">
            <dl class="print-facts">
              <div><dt>{t('print.task.status')}</dt><dd>{status}</dd></div>
              <div><dt>{t('print.task.asset')}</dt><dd>{d.asset || '—'}</dd></div>
              <div><dt>{t('print.task.site')}</dt><dd>{d.site || '—'}</dd></div>
              <div><dt>{t('print.task.assignees')}</dt><dd>{task.assignees.map((a) => a.name).join(', ') || '—'}</dd></div>
              <div><dt>{t('print.task.planned')}</dt><dd>{task.planned_start ? `${instant(i18n, task.planned_start)} → ${task.planned_end ? instant(i18n, task.planned_end) : '…'}` : '—'}</dd></div>
              <div><dt>{t('print.task.due')}</dt><dd>{day(i18n, task.due_date) || '—'}</dd></div>
              <div><dt>{t('print.task.estimate')}</dt><dd>{t('print.hours', { hours: decimal(i18n, task.estimated_hours) })}</dd></div>
            </dl>
            <figure class="print-qr-box">
              <QrCode text={task.id} label={t('print.task.qr', { id: task.id })} />
              <figcaption class="print-small">{task.id}</figcaption>
            </figure>
          </div>
          {task.description && <p class="print-pre">{task.description}</p>}
          <h3 class="print-section">{t('print.task.checklist')}</h3>
          {task.checklist.length === 0 ? <p>{t('print.none')}</p> : (
            <ul class="print-checklist">
              {task.checklist.map((c) => (
                <li key={c.id}>
                  <span class={`print-box${c.checked ? ' print-box--checked' : ''}`} aria-hidden="true">{c.checked ? '✓' : ''}</span>
                  <span>{c.label}{c.required && <strong> *</strong>}{c.reading_value !== null && ` — ${c.reading_value}`}</span>
                </li>
              ))}
            </ul>
          )}
          <h3 class="print-section">{t('print.task.materials')}</h3>
          {task.materials.planned.length === 0 ? <p>{t('print.none')}</p> : (
            <table class="print-table">
              <thead><tr><th scope="col">{t('print.col.reference')}</th><th scope="col">{t('print.col.item')}</th><th scope="col">{t('print.col.location')}</th><th scope="col" class="print-num">{t('print.col.planned')}</th><th scope="col" class="print-num">{t('print.col.consumed')}</th></tr></thead>
              <tbody>
                {task.materials.planned.map((m) => (
                  <tr key={m.id}><td>{m.reference}</td><td>{m.label}</td><td>{m.location}</td><td class="print-num">{decimal(i18n, m.qty)} {unitLabel(i18n, m.unit)}</td><td class="print-num">{decimal(i18n, m.consumed)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 class="print-section">{t('print.task.time')}</h3>
          {task.time_entries.length === 0 ? <p>{t('print.none')}</p> : (
            <table class="print-table">
              <thead><tr><th scope="col">{t('print.col.date')}</th><th scope="col">{t('print.col.who')}</th><th scope="col" class="print-num">{t('print.col.hours')}</th><th scope="col">{t('print.col.note')}</th></tr></thead>
              <tbody>
                {task.time_entries.map((e) => (
                  <tr key={e.id}><td>{day(i18n, e.work_date)}</td><td>{e.employee}</td><td class="print-num">{decimal(i18n, e.hours)}</td><td>{e.note ?? ''}</td></tr>
                ))}
              </tbody>
              <tfoot><tr><th scope="row" colSpan={2}>{t('print.total')}</th><td class="print-num">{decimal(i18n, task.total_hours)}</td><td /></tr></tfoot>
            </table>
          )}
          <div class="print-signatures">
            <div class="print-signature"><span>{t('print.task.sign_technician')}</span></div>
            <div class="print-signature"><span>{t('print.task.sign_client')}</span>{task.signer_name && <span class="print-small">{task.signer_name}</span>}</div>
          </div>
        </>
      )}
    </PrintPage>
  );
}
