/**
 * Absences ending today or later (from employee.get): kind and dates; adding with
 * absence.create and correcting with absence.update in the same form (the core refuses
 * overlapping or reversed dates), removing with absence.delete for the roles that may.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { usePermissions } from '../shell/permissions';
import type { Absence, AbsenceKind, EmployeeDetail } from './contract';

const kKinds: AbsenceKind[] = ['vacation', 'sick', 'training', 'other'];

export function AbsencesSection({ employee, onChanged }: { employee: EmployeeDetail; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const action = useAction('people');
  const [kind, setKind] = useState<AbsenceKind>('vacation');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [note, setNote] = useState('');
  // The absence being changed (absence.update), or null when the form adds a new one.
  const [editing, setEditing] = useState<Absence | null>(null);

  function edit(a: Absence) {
    setEditing(a);
    setKind(a.kind);
    setStart(a.start_date);
    setEnd(a.end_date);
    setNote(a.note ?? '');
    document.getElementById('absence-kind')?.focus();
  }
  function reset() {
    setEditing(null);
    setStart('');
    setEnd('');
    setNote('');
  }

  async function add(event: SubmitEvent) {
    event.preventDefault();
    const fields = { kind, start_date: start, end_date: end, note: note.trim() === '' ? null : note };
    const ok = await action.run(() =>
      editing === null
        ? core.mutate('absence.create', { id: newId(), employee_id: employee.id, ...fields })
        : core.mutate('absence.update', { id: editing.id, ...fields }),
    );
    if (ok) {
      reset();
      onChanged();
    }
  }

  const errorFor = (field: string) => (action.error?.field === field ? action.message : '');
  const general = action.error !== null && !['start_date', 'end_date'].includes(action.error.field ?? '') ? action.message : '';
  return (
    <section class="card people-detail__wide" aria-labelledby="employee-absences-title" data-testid="employee-absences">
      <h3 id="employee-absences-title" class="card__title">
        {t('people.absences.title')}
      </h3>
      {employee.absences.length === 0 && <p class="list__message">{t('people.absences.none')}</p>}
      <ul class="list">
        {employee.absences.map((a) => (
          <li key={a.id} class="list__item" data-testid="employee-absence">
            <span>
              <strong>{t(`people.absence.${a.kind}`)}</strong> {t('people.absences.range', { start: a.start_date, end: a.end_date })}
              {a.note ? ` — ${a.note}` : ''}
            </span>
            {can('absence.update') && (
              <button type="button" class="button button--secondary" aria-label={t('people.absences.edit_named', { start: a.start_date })}
                onClick={() => edit(a)} data-testid="absence-edit">
                {t('people.absences.edit')}
              </button>
            )}
            {can('absence.delete') && (
              <button type="button" class="button button--secondary" aria-label={t('people.absences.remove_named', { start: a.start_date })}
                onClick={() => void action.run(() => core.mutate('absence.delete', { id: a.id })).then((ok) => ok && onChanged())}>
                {t('people.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {(can('absence.create') || editing !== null) && (
        <form class="people__inline people__inline--wrap" onSubmit={add} noValidate aria-label={editing ? t('people.absences.editing', { start: editing.start_date }) : undefined}>
          <div class="field">
            <label class="field__label" for="absence-kind">{t('people.absences.kind')}</label>
            <select id="absence-kind" class="field__input" value={kind} onChange={(e) => setKind(e.currentTarget.value as AbsenceKind)}>
              {kKinds.map((k) => (
                <option key={k} value={k}>{t(`people.absence.${k}`)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="absence-start">{t('people.absences.start')}</label>
            <input id="absence-start" class="field__input" type="date" value={start} onInput={(e) => setStart(e.currentTarget.value)}
              aria-invalid={errorFor('start_date') ? 'true' : undefined} aria-describedby="absence-start-error" data-testid="absence-start" />
            <p id="absence-start-error" class="field__error" aria-live="assertive">{errorFor('start_date')}</p>
          </div>
          <div class="field">
            <label class="field__label" for="absence-end">{t('people.absences.end')}</label>
            <input id="absence-end" class="field__input" type="date" value={end} onInput={(e) => setEnd(e.currentTarget.value)}
              aria-invalid={errorFor('end_date') ? 'true' : undefined} aria-describedby="absence-end-error" data-testid="absence-end" />
            <p id="absence-end-error" class="field__error" aria-live="assertive">{errorFor('end_date')}</p>
          </div>
          <div class="field">
            <label class="field__label" for="absence-note">{t('people.absences.note')}</label>
            <input id="absence-note" class="field__input" autoComplete="off" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </div>
          <button type="submit" class="button button--primary" data-testid="absence-add">
            {editing ? t('people.absences.save') : t('people.add')}
          </button>
          {editing && (
            <button type="button" class="button button--secondary" onClick={reset} data-testid="absence-cancel">{t('people.cancel')}</button>
          )}
        </form>
      )}
      <p class="field__error" role="alert">{general}</p>
    </section>
  );
}
