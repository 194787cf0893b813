/**
 * The attribute definitions of one category (attribute.list returns its own and its
 * ancestors'): its own ones with edit (attribute.update) and archive (attribute.archive,
 * admins only), the inherited ones read only, and the form adding one (attribute.create).
 */
import { useState } from 'preact/hooks';
import type { Category } from '../core/contract';
import { useCore } from '../core/core_context';
import { newId } from '../core/new_id';
import { useAction } from '../core/use_action';
import { coreErrorMessage } from '../i18n/error_message';
import { useI18n } from '../i18n/i18n';
import { useLoaded } from '../people/use_loaded';
import { usePermissions } from '../shell/permissions';
import type { AttributeDef } from '../stock/contract';
import { AttributeForm } from './attribute_form';

export function AttributesSection({ category }: { category: Category }) {
  const core = useCore();
  const i18n = useI18n();
  const { t } = i18n;
  const { can } = usePermissions();
  const defs = useLoaded(() => core.query('attribute.list', { category_id: category.id }), [core, category.id]);
  const own = (defs.data?.items ?? []).filter((d) => d.category_id === category.id);
  const inherited = (defs.data?.items ?? []).filter((d) => d.category_id !== category.id);

  return (
    <section aria-labelledby="attributes-title" data-testid="attributes-section">
      <h4 id="attributes-title" class="categories__section-title">
        {t('categories.attributes.title')}
      </h4>
      {defs.error !== null && <p class="list__message list__message--error">{coreErrorMessage(i18n, 'categories', defs.error)}</p>}
      {defs.data !== null && own.length === 0 && (
        <p class="list__message" data-testid="attributes-empty">
          {t('categories.attributes.empty')}
        </p>
      )}
      <ul class="list" data-testid="attribute-list" aria-busy={defs.data === null ? 'true' : 'false'}>
        {own.map((def) => (
          <AttributeRow key={def.id} def={def} onChanged={defs.reload} />
        ))}
      </ul>
      {inherited.length > 0 && (
        <>
          <h5 class="categories__section-title">{t('categories.attributes.inherited')}</h5>
          <ul class="list" data-testid="attribute-inherited">
            {inherited.map((def) => (
              <li key={def.id} class="list__item categories__attr">
                <AttributeText def={def} />
              </li>
            ))}
          </ul>
        </>
      )}
      {can('attribute.create') && !category.archived && (
        <AttributeForm
          idPrefix="attribute-new"
          title={t('categories.attributes.new')}
          submit={t('categories.attributes.create')}
          onSave={(fields, type) => core.mutate('attribute.create', { id: newId(), category_id: category.id, type, ...fields })}
          onSaved={defs.reload}
        />
      )}
    </section>
  );
}

/** Name, type, unit, required and choices of a definition, as text. */
function AttributeText({ def }: { def: AttributeDef }) {
  const { t } = useI18n();
  const facts = [t(`categories.attributes.type.${def.type}`)];
  if (def.unit) facts.push(t('categories.attributes.unit_is', { unit: def.unit }));
  if (def.required) facts.push(t('categories.attributes.required'));
  if (def.type === 'choice' && def.choices !== null) facts.push(def.choices.join(', '));
  return (
    <span class="categories__attr-text">
      <span class="list__name">{def.name}</span>
      <span class="categories__attr-meta">{facts.join(' · ')}</span>
    </span>
  );
}

function AttributeRow({ def, onChanged }: { def: AttributeDef; onChanged(): void }) {
  const core = useCore();
  const { t } = useI18n();
  const { can } = usePermissions();
  const archive = useAction('categories.attributes');
  const [editing, setEditing] = useState(false);
  return (
    <li class="list__item categories__attr" data-testid="attribute-item" data-name={def.name}>
      <AttributeText def={def} />
      <span class="categories__attr-actions">
        {can('attribute.update') && (
          <button type="button" class="button button--secondary" aria-expanded={editing} aria-label={t('categories.attributes.edit_named', { name: def.name })}
            onClick={() => setEditing(!editing)} data-testid="attribute-edit">
            {t('categories.attributes.edit')}
          </button>
        )}
        {can('attribute.archive') && (
          <button type="button" class="button button--secondary" aria-label={t('categories.attributes.archive_named', { name: def.name })}
            onClick={() => void archive.run(() => core.mutate('attribute.archive', { id: def.id, archived: true })).then((ok) => ok && onChanged())}
            data-testid="attribute-archive">
            {t('categories.attributes.archive')}
          </button>
        )}
      </span>
      {archive.message !== '' && <p class="field__error" role="alert">{archive.message}</p>}
      {editing && (
        <AttributeForm
          idPrefix={`attribute-${def.id}`}
          title={t('categories.attributes.edit_named', { name: def.name })}
          submit={t('categories.attributes.save')}
          initial={def}
          onSave={(fields) => core.mutate('attribute.update', { id: def.id, ...fields })}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}
