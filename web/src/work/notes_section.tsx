/** The task's completion notes and signer (task.set_notes), editable at any time. */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { useI18n } from '../i18n/i18n';
import type { SectionProps } from './task_detail';
import { useAction } from '../core/use_action';
import { usePermissions } from '../shell/permissions';

export function NotesSection({ task, reload }: SectionProps) {
  const core = useCore();
  const { t } = useI18n();
  const [note, setNote] = useState(task.completion_note ?? '');
  const [notice, setNotice] = useState('');
  const action = useAction('work');
  const { can } = usePermissions();

  // A sync or another section may change the stored note: show it unless one is being typed.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setNote(task.completion_note ?? '');
  }, [task.completion_note, dirty]);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (await action.run(() => core.mutate('task.set_notes', { task_id: task.id, completion_note: note.trim() }))) {
      setDirty(false);
      setNotice(t('work.notes.saved'));
      await reload();
    }
  }

  return (
    <section class="card work-section" aria-labelledby="work-notes-title" data-testid="work-notes">
      <h3 id="work-notes-title" class="card__title">
        {t('work.notes.title')}
      </h3>
      {!can('task.set_notes') ? (
        <div data-testid="work-notes-readonly">
          <p class={task.completion_note ? undefined : 'work-muted'}>{task.completion_note || t('work.notes.none')}</p>
          {task.signer_name && <p class="work-muted">{t('work.notes.signer', { name: task.signer_name })}</p>}
        </div>
      ) : (
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label class="field__label" for="work-notes-input">
            {t('work.notes.label')}
          </label>
          <textarea
            id="work-notes-input"
            class="field__input work-textarea"
            value={note}
            onInput={(event) => {
              setDirty(true);
              setNotice('');
              setNote(event.currentTarget.value);
            }}
            aria-describedby="work-notes-error"
            data-testid="work-notes-input"
          />
        </div>
        {task.signer_name && <p class="work-muted">{t('work.notes.signer', { name: task.signer_name })}</p>}
        <button type="submit" class="button button--primary" aria-disabled={action.busy || !dirty ? 'true' : undefined} data-testid="work-notes-submit">
          {t('work.notes.save')}
        </button>
        <p id="work-notes-error" class="field__error" role="alert">
          {action.message}
        </p>
        <p class="form__notice" role="status" data-testid="work-notes-notice">
          {notice}
        </p>
      </form>
      )}
    </section>
  );
}
