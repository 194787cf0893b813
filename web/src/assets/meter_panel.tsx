/**
 * One meter of the asset: its total, the chart of its readings, the latest readings in text
 * (meter.readings) and a form to record a reading (meter.record). The core refuses a reading
 * that goes backwards or is negative and says why; nothing is recorded then. A reading past
 * a preventive plan's threshold makes its work order at once (the core): the panel says so
 * and links to it.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import { href } from '../shell/route';
import { TextField } from './asset_fields';
import { formatDay, formatInstant } from './assets_core';
import type { AssetMeter } from './contract';
import { MeterChart } from './meter_chart';

const kShown = 5;

export function MeterPanel({ meter, onChanged }: { meter: AssetMeter; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const readings = useLoaded(() => core.query('meter.readings', { meter_id: meter.id, limit: 100 }), [core, meter.id]);
  const items = readings.data?.items ?? [];
  const action = useAction('assets');
  const [value, setValue] = useState('');
  const [generated, setGenerated] = useState<{ task_id: string; due_date: string }[]>([]);
  const id = `meter-${meter.id.slice(0, 8)}`;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setGenerated([]);
    if (await action.run(async () => setGenerated((await core.mutate('meter.record', { id: newId(), meter_id: meter.id, value: value.trim().replace(',', '.') })).generated))) {
      setValue('');
      readings.reload();
      onChanged();
    }
  }

  return (
    <div class="assets__meter" data-testid="meter-panel" data-name={meter.name}>
      <h4 class="assets__subtitle">
        {meter.name} <span class="assets__total" data-testid="meter-total">{t('assets.meters.total', { total: readings.data?.total ?? meter.total, unit: meter.unit })}</span>
      </h4>
      {items.length > 0 && <MeterChart readings={items} unit={meter.unit} name={meter.name} />}
      {items.length === 0 && <p class="list__message">{t('assets.meters.no_readings')}</p>}
      {items.length > 0 && (
        <ul class="list assets__readings" aria-label={t('assets.meters.latest', { name: meter.name })} data-testid="meter-readings">
          {items.slice(0, kShown).map((r) => (
            <li key={r.id} class="list__item" data-testid="meter-reading">
              <span>{formatInstant(i18n, r.read_at)}</span>
              <span class="assets__value">
                {r.value} {meter.unit}
                {r.reset ? ` · ${t('assets.meters.reset')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {can('meter.record') && (
        <form class="form assets__inline" onSubmit={submit} noValidate data-testid="meter-record-form">
          <TextField id={`${id}-value`} name="value" text={t('assets.meters.reading', { unit: meter.unit })} value={value} onInput={setValue}
            inputMode="decimal" error={action.message} />
          <button class="button button--primary" type="submit" aria-disabled={action.busy ? 'true' : undefined} data-testid="meter-record">
            {t('assets.meters.record')}
          </button>
        </form>
      )}
      <div aria-live="polite">
        {generated.length > 0 && (
          <div class="banner banner--info" data-testid="meter-generated">
            {t('assets.meters.generated', { count: generated.length })}
            <ul class="assets__created">
              {generated.map((g) => (
                <li key={g.task_id}>
                  <a href={href('work', g.task_id)} data-testid="meter-generated-task">
                    {t('assets.plan.generated_item', { date: formatDay(i18n, g.due_date) })}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
