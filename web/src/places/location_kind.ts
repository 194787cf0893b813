/** The catalog key naming a kind of location ("warehouse" -> "places.kind.warehouse"). */
import type { MessageKey } from '../i18n/i18n';
import type { LocationKind } from './contract';

export function kindKey(kind: LocationKind): MessageKey {
  return `places.kind.${kind}`;
}

/** An option's text in a location picker: indented by depth, with its kind. */
export function optionText(t: (key: MessageKey) => string, l: { name: string; depth: number; kind: LocationKind }): string {
  return `${'\u00a0\u00a0'.repeat(l.depth)}${l.name} (${t(kindKey(l.kind))})`;
}
