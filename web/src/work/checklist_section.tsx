/**
 * The checklist: a big tick box per item (checklist.check). An item tied to a meter needs
 * the reading: its value is typed next to it and sent with a new reading id.
 */
import { useState } from 'preact/hooks';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useI18n } from '../i18n/i18n';
import type { ChecklistItem } from './contract';
import type { SectionProps } from './task_detail';
import { useAction } from '../core/use_action';
import { usePermissions } from '../shell/permissions';

export function ChecklistSection({ task, reload }: SectionProps) {
  const { t } = useI18n();
  if (task.checklist.length === 0) return null;
  const done = task.checklist.filter((item) => item.checked).length;
  return (
    <section class="card work-section" aria-labelledby="work-checklist-title" data-testid="work-checklist">
      <h3 id="work-checklist-title" class="card__title">
        {t('work.checklist.title')} <span class="card__count">{`${done}/${task.checklist.length}`}</span>
      </h3>
      <ul class="work-checklist">
        {task.checklist.map((item) => (
          <ChecklistRow key={item.id} item={item} reload={reload} />
        ))}
      </ul>
    </section>
  );
}

function ChecklistRow({ item, reload }: { item: ChecklistItem; reload(): Promise<void> }) {
  const core = useCore();
  const { t } = useI18n();
  const [value, setValue] = useState(item.reading_value ?? '');
  const action = useAction('work');
  const mayCheck = usePermissions().can('checklist.check');
  const id = `work-check-${item.id}`;

  async function toggle() {
    const checked = !item.checked;
    const args: { id: string; checked: boolean; value?: string; reading_id?: string } = { id: item.id, checked };
    if (checked && item.meter_id) {
      args.value = value.trim();
      args.reading_id = newId();
    }
    if (await action.run(() => core.mutate('checklist.check', args))) await reload();
  }

  return (
    <li class={`work-check${item.checked ? ' work-check--done' : ''}`} data-testid="work-check-item" data-checked={item.checked ? 'yes' : 'no'}>
      <label class="work-check__label" for={id}>
        <input
          id={id}
          type="checkbox"
          class="work-check__box"
          checked={item.checked}
          disabled={!mayCheck}
          aria-describedby={`${id}-error`}
          onChange={(event) => {
            event.currentTarget.checked = item.checked;  // the core decides; the reload shows it
            void toggle();
          }}
          data-testid="work-check-box"
        />
        <span>
          {item.label}
          {item.required && <span class="work-badge work-badge--required">{t('work.checklist.required')}</span>}
        </span>
      </label>
      {item.meter_id && (
        <div class="field work-check__reading">
          <label class="field__label" for={`${id}-value`}>
            {t('work.checklist.reading')}
          </label>
          <input
            id={`${id}-value`}
            class="field__input"
            inputMode="decimal"
            value={value}
            readOnly={item.checked || !mayCheck}
            onInput={(event) => setValue(event.currentTarget.value)}
            aria-invalid={action.error?.field === 'value' ? 'true' : undefined}
            aria-describedby={`${id}-error`}
          />
        </div>
      )}
      <p id={`${id}-error`} class="field__error" role="alert">
        {action.message}
      </p>
    </li>
  );
}
