/**
 * Creating or editing a project in a dialog: code, name, client, dates, budget (typed in
 * euros, sent in cents) and, at creation, a description (project.create / project.update). The
 * core checks everything — a code already used, an empty name, an end before the start — and
 * its refusal shows beside the field it names.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { Dialog } from '../shell/dialog';
import type { ProjectSummary } from './contract';
import { centsForInput, optional, typedCents } from './projects_core';

interface Props {
  project: ProjectSummary | null;
  onClose(): void;
  onSaved(id: string): void;
}

export function ProjectForm({ project, onClose, onSaved }: Props) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction('projects');
  const clients = useLoaded(() => core.query('client.list', {}), [core]);
  const [code, setCode] = useState(project?.code ?? '');
  const [name, setName] = useState(project?.name ?? '');
  const [clientId, setClientId] = useState(project?.client_id ?? '');
  const [description, setDescription] = useState('');
  const [start, setStart] = useState(project?.start_date ?? '');
  const [end, setEnd] = useState(project?.end_date ?? '');
  const [budget, setBudget] = useState(project && project.budget_cents > 0 ? centsForInput(i18n, project.budget_cents) : '');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const id = project?.id ?? newId();
    const fields = {
      code,
      name,
      client_id: optional(clientId),
      start_date: optional(start),
      end_date: optional(end),
      budget_cents: budget.trim() === '' ? 0 : typedCents(budget),
    };
    const ok = await action.run(() =>
      project === null
        ? core.mutate('project.create', { id, ...fields, ...(description.trim() !== '' ? { description } : {}) })
        : core.mutate('project.update', { id, ...fields }),
    );
    if (ok) onSaved(id);
  }

  const errorOf = (f: string) => (action.error?.field === f ? action.message : '');
  const known = ['code', 'name', 'start_date', 'end_date', 'budget_cents', 'client_id'];
  const otherError = action.error !== null && !known.includes(action.error.field ?? '') ? action.message : '';
  const input = (id: string, label: string, value: string, set: (v: string) => void, f: string, extra: Record<string, unknown> = {}) => (
    <div class="field">
      <label class="field__label" for={id}>{label}</label>
      <input id={id} class="field__input" autoComplete="off" value={value} onInput={(e) => set(e.currentTarget.value)}
        aria-invalid={errorOf(f) ? 'true' : undefined} aria-describedby={`${id}-error`} data-testid={id} {...extra} />
      <p id={`${id}-error`} class="field__error" aria-live="assertive">{errorOf(f)}</p>
    </div>
  );
  return (
    <Dialog title={project === null ? t('projects.projects.new') : t('projects.projects.edit_title', { code: project.code })} onClose={onClose} testId="project-dialog">
      <form class="form" onSubmit={submit} noValidate>
        <div class="projects__pair">
          {input('project-code', t('projects.field.code'), code, setCode, 'code', { 'data-autofocus': true })}
          {input('project-name', t('projects.field.name'), name, setName, 'name')}
        </div>
        <div class="field">
          <label class="field__label" for="project-client">{t('projects.field.client')}</label>
          <select id="project-client" class="field__input" value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} data-testid="project-client">
            <option value="">{t('projects.no_client')}</option>
            {(clients.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <p class="field__error" aria-live="assertive">{errorOf('client_id')}</p>
        </div>
        <div class="projects__pair">
          {input('project-start', t('projects.field.start_date'), start, setStart, 'start_date', { type: 'date' })}
          {input('project-end', t('projects.field.end_date'), end, setEnd, 'end_date', { type: 'date' })}
        </div>
        {input('project-budget', t('projects.field.budget'), budget, setBudget, 'budget_cents', { inputMode: 'decimal' })}
        {project === null && (
          <div class="field">
            <label class="field__label" for="project-description">{t('projects.field.description')}</label>
            <textarea id="project-description" class="field__input" rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
          </div>
        )}
        <p class="field__error" role="alert" data-testid="project-error">{otherError}</p>
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onClose}>{t('projects.cancel')}</button>
          <button type="submit" class="button button--primary" aria-disabled={action.busy ? 'true' : undefined} data-testid="project-save">
            {t('projects.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
