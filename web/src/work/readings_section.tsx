/** Meter readings for the task's asset (meter.record with the task), when it has meters. */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useI18n } from '../i18n/i18n';
import type { MeterInfo } from './contract';
import type { SectionProps } from './task_detail';
import { useAction } from '../core/use_action';
import { usePermissions } from '../shell/permissions';

export function ReadingsSection({ task }: SectionProps) {
  const core = useCore();
  const { t } = useI18n();
  const [meters, setMeters] = useState<MeterInfo[]>([]);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    if (!task.asset_id) return;
    core.query('asset.get', { id: task.asset_id }).then(
      (asset) => live && setMeters(asset.meters.filter((meter) => !meter.archived)),
      () => live && setMeters([]),
    );
    return () => {
      live = false;
    };
  }, [core, task.asset_id, version]);

  if (meters.length === 0) return null;
  return (
    <section class="card work-section" aria-labelledby="work-readings-title" data-testid="work-readings">
      <h3 id="work-readings-title" class="card__title">
        {t('work.readings.title')}
      </h3>
      <ul class="work-rows">
        {meters.map((meter) => (
          <MeterRow key={meter.id} meter={meter} taskId={task.id} onRecorded={() => setVersion((v) => v + 1)} />
        ))}
      </ul>
    </section>
  );
}

function MeterRow({ meter, taskId, onRecorded }: { meter: MeterInfo; taskId: string; onRecorded(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState('');
  const action = useAction('work');
  const { can } = usePermissions();
  const id = `work-meter-${meter.id}`;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const typed = value.trim();
    if (typed === '') return;
    if (await action.run(() => core.mutate('meter.record', { id: newId(), meter_id: meter.id, value: typed, task_id: taskId }))) {
      setSaved(t('work.readings.saved', { value: typed, unit: meter.unit }));
      setValue('');
      onRecorded();
    }
  }

  if (!can('meter.record')) {
    return (
      <li class="work-row work-row--line">
        <span>{meter.name}</span>
        <span data-testid="work-meter-total">{t('work.readings.total', { total: meter.total, unit: meter.unit })}</span>
      </li>
    );
  }
  return (
    <li class="work-row">
      <form class="work-inline-form" onSubmit={submit} noValidate>
        <div class="field">
          <label class="field__label" for={id}>
            {t('work.readings.label', { name: meter.name, unit: meter.unit })}
          </label>
          <p class="field__hint" data-testid="work-meter-total">{t('work.readings.total', { total: meter.total, unit: meter.unit })}</p>
          <input
            id={id}
            class="field__input"
            inputMode="decimal"
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
            aria-invalid={action.message ? 'true' : undefined}
            aria-describedby={`${id}-error`}
            data-testid="work-meter-input"
          />
        </div>
        <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="work-meter-submit">
          {t('work.readings.record')}
        </button>
      </form>
      <p id={`${id}-error`} class="field__error" role="alert" data-testid="work-meter-error">
        {action.message}
      </p>
      <p class="form__notice" role="status">
        {saved}
      </p>
    </li>
  );
}
