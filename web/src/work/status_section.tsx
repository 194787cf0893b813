/**
 * Status changes: ONLY the transitions the core's task.transitions offers this user on this
 * task. Completing (→ done) asks for the signer's name and a completion note, sent with the
 * status change (task.set_status signer_name, completion_note).
 */
import { useEffect, useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useI18n } from '../i18n/i18n';
import type { TaskStatus } from './contract';
import type { SectionProps } from './task_detail';
import { useAction } from '../core/use_action';
import { formatInstant, statusLabel } from './work_core';

export function StatusSection({ task, reload }: SectionProps) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [targets, setTargets] = useState<TaskStatus[] | null>(null);
  const [completing, setCompleting] = useState(false);
  const [signer, setSigner] = useState(task.signer_name ?? '');
  const [note, setNote] = useState(task.completion_note ?? '');
  const action = useAction('work');

  useEffect(() => {
    let live = true;
    core.query('task.transitions', { task_id: task.id }).then(
      (reply) => live && setTargets(reply.transitions.map((each) => each.to)),
      () => live && setTargets([]),
    );
    return () => {
      live = false;
    };
  }, [core, task.id, task.status]);

  async function change(status: TaskStatus, extra: { signer_name?: string; completion_note?: string } = {}) {
    const ok = await action.run(() => core.mutate('task.set_status', { id: newId(), task_id: task.id, status, ...extra }));
    if (ok) {
      setCompleting(false);
      await reload();
    }
  }

  function complete(event: SubmitEvent) {
    event.preventDefault();
    if (signer.trim() === '') return;  // the button says so; the name is what the client signs
    const extra: { signer_name?: string; completion_note?: string } = {};
    if (signer.trim() !== '') extra.signer_name = signer.trim();
    if (note.trim() !== '') extra.completion_note = note.trim();
    void change('done', extra);
  }

  const signerMissing = completing && action.error === null && signer.trim() === '';
  return (
    <section class="card work-section work-section--status" aria-labelledby="work-status-title" data-testid="work-status-section">
      <h3 id="work-status-title" class="card__title">
        {t('work.status_section.title')}
      </h3>
      <p class="work-status-line">
        {t('work.status_section.current')}{' '}
        <strong class={`work-status work-status--${task.status}`}>{statusLabel(i18n, task.status)}</strong>
      </p>
      {task.completed_at !== null && (
        <p class="work-muted" data-testid="work-completed">
          {t('work.status_section.completed', {
            at: formatInstant(i18n, task.completed_at),
            signer: task.signer_name ?? t('work.status_section.no_signer'),
          })}
        </p>
      )}
      {targets !== null && targets.length === 0 && <p class="work-muted">{t('work.status_section.none')}</p>}
      {!completing && (
        <div class="work-actions">
          {(targets ?? []).map((to) => (
            <button
              key={to}
              type="button"
              class={`button${to === 'done' || to === 'in_progress' ? ' button--primary' : ''}`}
              aria-disabled={action.busy ? 'true' : undefined}
              onClick={() => (to === 'done' ? setCompleting(true) : void change(to))}
              data-testid={`work-transition-${to}`}
            >
              {i18n.lookup(`work.transition.${task.status}.${to}`) ?? i18n.lookup(`work.transition.${to}`) ?? statusLabel(i18n, to)}
            </button>
          ))}
        </div>
      )}
      {completing && (
        <form class="form work-complete" onSubmit={complete} noValidate data-testid="work-complete-form">
          <div class="field">
            <label class="field__label" for="work-signer">
              {t('work.complete.signer')}
            </label>
            <p id="work-signer-hint" class="field__hint">
              {t('work.complete.signer_hint')}
            </p>
            <input
              id="work-signer"
              class="field__input"
              type="text"
              autoComplete="name"
              value={signer}
              onInput={(event) => setSigner(event.currentTarget.value)}
              aria-describedby="work-signer-hint"
              data-testid="work-signer-input"
            />
          </div>
          <div class="field">
            <label class="field__label" for="work-completion-note">
              {t('work.complete.note')}
            </label>
            <textarea
              id="work-completion-note"
              class="field__input work-textarea"
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
              data-testid="work-completion-note"
            />
          </div>
          <div class="work-actions">
            <button
              type="submit"
              class="button button--primary"
              aria-disabled={action.busy || signer.trim() === '' ? 'true' : undefined}
              data-testid="work-complete-submit"
            >
              {t('work.complete.submit')}
            </button>
            <button type="button" class="button" onClick={() => setCompleting(false)} data-testid="work-complete-cancel">
              {t('work.complete.cancel')}
            </button>
          </div>
          {signerMissing && <p class="field__hint">{t('work.complete.signer_needed')}</p>}
        </form>
      )}
      <p class="field__error" role="alert" data-testid="work-status-error">
        {action.message}
      </p>
    </section>
  );
}
