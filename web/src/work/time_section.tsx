/**
 * Labour time on the task: the entries (task.get time_entries, total by the core) and a form
 * for mine (time.log): a day and either a duration in hours or a start and an end time.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useI18n } from '../i18n/i18n';
import type { SectionProps } from './task_detail';
import { useAction } from '../core/use_action';
import { usePermissions } from '../shell/permissions';
import { formatDay, formatDecimal, hoursBetween, today } from './work_core';

type Mode = 'duration' | 'range';

export function TimeSection({ task, reload }: SectionProps) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [mode, setMode] = useState<Mode>('duration');
  const [day, setDay] = useState(today());
  const [hours, setHours] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  const [notice, setNotice] = useState('');
  const action = useAction('work');
  const { can } = usePermissions();

  const computed = mode === 'range' ? hoursBetween(start, end) : hours.trim().replace(',', '.');
  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (computed === null || computed === '') return;
    const text = [mode === 'range' ? `${start}–${end}` : '', note.trim()].filter(Boolean).join(' · ');
    const args: { id: string; task_id: string; work_date: string; hours: string; note?: string } = {
      id: newId(),
      task_id: task.id,
      work_date: day,
      hours: computed,
    };
    if (text !== '') args.note = text;
    if (await action.run(() => core.mutate('time.log', args))) {
      setNotice(t('work.time.logged', { hours: formatDecimal(i18n, computed) }));
      setHours('');
      setStart('');
      setEnd('');
      setNote('');
      await reload();
    }
  }

  const modeButton = (value: Mode, label: string) => (
    <button
      type="button"
      class={`button${mode === value ? ' button--primary' : ''}`}
      aria-pressed={mode === value ? 'true' : 'false'}
      onClick={() => setMode(value)}
      data-testid={`work-time-mode-${value}`}
    >
      {label}
    </button>
  );

  return (
    <section class="card work-section" aria-labelledby="work-time-title" data-testid="work-time">
      <h3 id="work-time-title" class="card__title">
        {t('work.time.title')}{' '}
        <span class="card__count" data-testid="work-time-total">
          {t('work.time.hours', { hours: formatDecimal(i18n, task.total_hours) })}
        </span>
      </h3>
      {task.time_entries.length === 0 ? (
        <p class="work-muted">{t('work.time.none')}</p>
      ) : (
        <ul class="work-rows" data-testid="work-time-list">
          {task.time_entries.map((entry) => (
            <li key={entry.id} class="work-row work-row--line" data-testid="work-time-entry">
              <span>
                <strong>{t('work.time.hours', { hours: formatDecimal(i18n, entry.hours) })}</strong> · {entry.employee}
              </span>
              <span class="work-muted">
                {formatDay(i18n, entry.work_date)}
                {entry.note ? ` · ${entry.note}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {can('time.log') && (
      <form class="form" onSubmit={submit} noValidate data-testid="work-time-form">
        <div class="work-actions" role="group" aria-label={t('work.time.mode')}>
          {modeButton('duration', t('work.time.mode_duration'))}
          {modeButton('range', t('work.time.mode_range'))}
        </div>
        <div class="work-fields">
          <div class="field">
            <label class="field__label" for="work-time-day">
              {t('work.time.day')}
            </label>
            <input
              id="work-time-day"
              class="field__input"
              type="date"
              value={day}
              onInput={(event) => setDay(event.currentTarget.value)}
              data-testid="work-time-day"
            />
          </div>
          {mode === 'duration' ? (
            <div class="field">
              <label class="field__label" for="work-time-hours">
                {t('work.time.duration')}
              </label>
              <input
                id="work-time-hours"
                class="field__input"
                inputMode="decimal"
                value={hours}
                onInput={(event) => setHours(event.currentTarget.value)}
                aria-invalid={action.error?.field === 'hours' ? 'true' : undefined}
                aria-describedby="work-time-error"
                data-testid="work-time-hours"
              />
            </div>
          ) : (
            <>
              <div class="field">
                <label class="field__label" for="work-time-start">
                  {t('work.time.start')}
                </label>
                <input id="work-time-start" class="field__input" type="time" value={start} onInput={(event) => setStart(event.currentTarget.value)} data-testid="work-time-start" />
              </div>
              <div class="field">
                <label class="field__label" for="work-time-end">
                  {t('work.time.end')}
                </label>
                <input id="work-time-end" class="field__input" type="time" value={end} onInput={(event) => setEnd(event.currentTarget.value)} data-testid="work-time-end" />
              </div>
            </>
          )}
        </div>
        <div class="field">
          <label class="field__label" for="work-time-note">
            {t('work.time.note')}
          </label>
          <input id="work-time-note" class="field__input" type="text" value={note} onInput={(event) => setNote(event.currentTarget.value)} data-testid="work-time-note" />
        </div>
        <button type="submit" class="button button--primary" aria-disabled={action.busy || !computed ? 'true' : undefined} data-testid="work-time-submit">
          {computed ? t('work.time.submit_hours', { hours: formatDecimal(i18n, computed) }) : t('work.time.submit')}
        </button>
        <p id="work-time-error" class="field__error" role="alert" data-testid="work-time-error">
          {action.message}
        </p>
        <p class="form__notice" role="status" data-testid="work-time-notice">
          {notice}
        </p>
      </form>
      )}
    </section>
  );
}
