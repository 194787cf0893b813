/** An item's unit for people: the usual codes in the page's language, any other as typed. */
import type { I18n } from './i18n';

export function unitLabel(i18n: I18n, unit: string): string {
  return i18n.lookup(`unit.${unit}`) ?? unit;
}
