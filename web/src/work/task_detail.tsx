/**
 * One work order, for the technician doing it: what and where, its status (only the
 * transitions the core offers this user), checklist, meter readings, parts, time, photos
 * and notes. Every section re-reads the task (task.get) after a change or a sync.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CoreError } from '../core/core_error';
import { useCore, useReceived } from '../core/core_context';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';
import { ChecklistSection } from './checklist_section';
import type { TaskDetail } from './contract';
import { NotesSection } from './notes_section';
import { PartsSection } from './parts_section';
import { PhotosSection } from './photos_section';
import { ReadingsSection } from './readings_section';
import { StatusSection } from './status_section';
import { TimeSection } from './time_section';
import { formatDay, priorityLabel, statusLabel, today } from './work_core';

export interface SectionProps {
  task: TaskDetail;
  reload(): Promise<void>;
}

export function TaskDetailScreen({ taskId }: { taskId: string }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [where, setWhere] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [failure, setFailure] = useState<CoreError | null>(null);

  const reload = useCallback(async () => {
    try {
      const [loaded, late] = await Promise.all([
        core.query('task.get', { id: taskId }),
        core.query('task.list', { overdue_as_of: today(), limit: 1000 }),
      ]);
      setTask(loaded);
      setOverdue(late.items.some((each) => each.id === taskId));
      setFailure(null);
      if (loaded.asset_id) {
        const asset = await core.query('asset.get', { id: loaded.asset_id }).catch(() => null);
        setWhere(asset?.name ?? '');
      }
    } catch (thrown) {
      setFailure(CoreError.from(thrown));
    }
  }, [core, taskId]);

  const received = useReceived();
  useEffect(() => {
    void reload();
  }, [reload, received]);

  const back = (
    <a class="button work-back" href={href('work')} data-testid="work-back">
      <span aria-hidden="true">←</span> {t('work.detail.back')}
    </a>
  );
  if (task === null) {
    return (
      <section class="screen work" aria-labelledby="work-detail-title">
        {back}
        <h2 id="work-detail-title" class="screen__title">
          {t('work.detail.title')}
        </h2>
        <p class={`list__message${failure ? ' list__message--error' : ''}`} role={failure ? 'alert' : undefined}>
          {failure ? coreErrorMessage(i18n, 'work', failure) : t('work.list.loading')}
        </p>
      </section>
    );
  }
  return (
    <section class="screen work" aria-labelledby="work-detail-title" data-testid="work-detail" data-status={task.status}>
      {back}
      <a class="button work-back" href={href('print', 'task', task.id)} data-testid="work-print">{t('work.detail.print')}</a>
      <header class="card work-head">
        <h2 id="work-detail-title" class="work-head__title" data-testid="work-detail-title">
          {task.title}
        </h2>
        <p class="work-card__meta">
          <span class={`work-status work-status--${task.status}`} data-testid="work-detail-status">
            {statusLabel(i18n, task.status)}
          </span>
          {overdue && <span class="work-badge work-badge--overdue">{t('work.list.overdue')}</span>}
          <span class="work-badge work-badge--priority">{priorityLabel(i18n, task.priority)}</span>
          <span class="work-card__due">
            {task.due_date ? t('work.list.due', { day: formatDay(i18n, task.due_date) }) : t('work.list.no_due')}
          </span>
        </p>
        {where && <p class="work-head__where">{t('work.detail.asset', { name: where })}</p>}
        {task.description && <p class="work-head__description">{task.description}</p>}
        {task.assignees.length > 0 && (
          <p class="work-head__where">{t('work.detail.assignees', { names: task.assignees.map((a) => a.name).join(', ') })}</p>
        )}
      </header>
      <div class="work-sections">
        <StatusSection task={task} reload={reload} />
        <ChecklistSection task={task} reload={reload} />
        <ReadingsSection task={task} reload={reload} />
        <PartsSection task={task} reload={reload} />
        <TimeSection task={task} reload={reload} />
        <PhotosSection task={task} reload={reload} />
        <NotesSection task={task} reload={reload} />
      </div>
    </section>
  );
}
