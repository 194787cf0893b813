/**
 * The category tree as returned by the core's `category.list` query, in its order (indented
 * by depth, archived ones marked); each name links to that category's panel.
 */
import type { Category } from '../core/contract';
import { useI18n } from '../i18n/i18n';
import { href } from '../shell/route';

interface Props {
  items: Category[] | null;
  error: string | null;
  selected: string | null;
}

export function CategoryList({ items, error, selected }: Props) {
  const { t } = useI18n();
  let body;
  if (error !== null) {
    body = <p class="list__message list__message--error">{t('categories.list.failed', { message: error })}</p>;
  } else if (items === null) {
    body = <p class="list__message">{t('categories.list.loading')}</p>;
  } else if (items.length === 0) {
    body = (
      <p class="list__message" data-testid="category-list-empty">
        {t('categories.list.empty')}
      </p>
    );
  }
  return (
    <section class="card" aria-labelledby="category-list-title">
      <h3 id="category-list-title" class="card__title">
        {t('categories.list.title')}
        {items !== null && items.length > 0 && <span class="card__count">{items.length}</span>}
      </h3>
      {body}
      <ul class="list" data-testid="category-list" aria-busy={items === null ? 'true' : 'false'}>
        {(items ?? []).map((item) => (
          <li
            key={item.id}
            class={`list__item${item.archived ? ' list__item--archived' : ''}`}
            style={{ '--depth': String(item.depth) }}
            data-testid="category-item"
            data-id={item.id}
          >
            <a
              class="categories__link"
              href={href('categories', item.id)}
              aria-current={item.id === selected ? 'true' : undefined}
              data-testid="category-link"
            >
              <span class="list__name">{item.name}</span>
            </a>
            {item.archived && <span class="badge">{t('categories.list.archived')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
