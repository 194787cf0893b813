/**
 * Weekly working hours (employee.set_working_hours): up to two periods a day (morning and
 * afternoon), "HH:MM". Sent as typed; the core refuses a period that ends before it starts
 * or overlaps another, and its message is shown. Read only without the mutator.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import type { EmployeeDetail, WorkingPeriod } from './contract';

const kWeekdays = [1, 2, 3, 4, 5, 6, 7];
type Grid = Record<number, [string, string, string, string]>;

function toGrid(periods: WorkingPeriod[]): Grid {
  const grid: Grid = {};
  for (const day of kWeekdays) {
    const own = periods.filter((p) => p.weekday === day);
    grid[day] = [own[0]?.start ?? '', own[0]?.end ?? '', own[1]?.start ?? '', own[1]?.end ?? ''];
  }
  return grid;
}

function toPeriods(grid: Grid): WorkingPeriod[] {
  const out: WorkingPeriod[] = [];
  for (const day of kWeekdays) {
    const [s1, e1, s2, e2] = grid[day]!;
    if (s1 !== '' || e1 !== '') out.push({ weekday: day, start: s1, end: e1 });
    if (s2 !== '' || e2 !== '') out.push({ weekday: day, start: s2, end: e2 });
  }
  return out;
}

/** Monday … Sunday in the user's language (1 Jan 2024 was a Monday). */
function weekdayName(language: string, day: number): string {
  return new Date(Date.UTC(2024, 0, day)).toLocaleDateString(language, { weekday: 'long', timeZone: 'UTC' });
}

export function HoursSection({ employee, onChanged }: { employee: EmployeeDetail; onChanged(): void }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const editable = can('employee.set_working_hours');
  const action = useAction('people');
  const [grid, setGrid] = useState(() => toGrid(employee.working_hours));
  const [saved, setSaved] = useState(false);

  const slot = (day: number, index: number, label: string) => (
    <input type="time" class="field__input people__time" value={grid[day]![index]} aria-label={`${weekdayName(i18n.language, day)} — ${label}`}
      data-testid={`hours-${day}-${index}`} readOnly={!editable}
      onInput={(e) => {
        const next = [...grid[day]!] as Grid[number];
        next[index] = e.currentTarget.value;
        setGrid({ ...grid, [day]: next });
        setSaved(false);
      }} />
  );

  return (
    <section class="card people-detail__wide" aria-labelledby="employee-hours-title" data-testid="employee-hours">
      <h3 id="employee-hours-title" class="card__title">
        {t('people.hours.title')}
      </h3>
      {!editable ? (
        employee.working_hours.length === 0 ? (
          <p class="list__message">{t('people.hours.not_set')}</p>
        ) : (
          <dl class="facts people__weekdays">
            {kWeekdays
              .filter((day) => employee.working_hours.some((p) => p.weekday === day))
              .map((day) => [
                <dt key={`d${day}`}>{weekdayName(i18n.language, day)}</dt>,
                <dd key={`v${day}`}>
                  {employee.working_hours
                    .filter((p) => p.weekday === day)
                    .map((p) => `${p.start}–${p.end}`)
                    .join(', ')}
                </dd>,
              ])}
          </dl>
        )
      ) : (
        <form onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void action.run(() => core.mutate('employee.set_working_hours', { employee_id: employee.id, hours: toPeriods(grid) })).then((ok) => {
            if (!ok) return;
            setSaved(true);
            onChanged();
          });
        }}>
          <p class="field__hint">{t('people.hours.hint')}</p>
          <div class="people__hours-wrap">
          <table class="people__hours">
            <thead>
              <tr>
                <th scope="col">{t('people.hours.day')}</th>
                <th scope="col">{t('people.hours.morning')}</th>
                <th scope="col">{t('people.hours.afternoon')}</th>
              </tr>
            </thead>
            <tbody>
              {kWeekdays.map((day) => (
                <tr key={day}>
                  <th scope="row">{weekdayName(i18n.language, day)}</th>
                  <td>
                    <span class="people__period">
                      {slot(day, 0, t('people.hours.morning_start'))}–{slot(day, 1, t('people.hours.morning_end'))}
                    </span>
                  </td>
                  <td>
                    <span class="people__period">
                      {slot(day, 2, t('people.hours.afternoon_start'))}–{slot(day, 3, t('people.hours.afternoon_end'))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <p class="field__error" role="alert">{action.message}</p>
          <button type="submit" class="button button--primary" data-testid="hours-save">{t('people.hours.save')}</button>
          <p class="form__notice" role="status">{saved ? t('people.saved') : ''}</p>
        </form>
      )}
    </section>
  );
}
