/**
 * Turns a CoreError into the text shown to the user.
 *
 * Looks up, in order: `<scope>.error.<code>.<field>`, `<scope>.error.<code>`,
 * `errors.<code>`; then falls back to the core's own message (the core is the one that
 * knows which rule refused the call), and finally to a generic text.
 */
import type { CoreError } from '../core/core_error';
import type { I18n } from './i18n';

export function coreErrorMessage(i18n: I18n, scope: string, error: CoreError): string {
  const candidates = [
    error.field === undefined ? null : `${scope}.error.${error.code}.${error.field}`,
    `${scope}.error.${error.code}`,
    `errors.${error.code}`,
  ];
  for (const key of candidates) {
    if (key === null) continue;
    const text = i18n.lookup(key);
    if (text !== null) return text;
  }
  return error.message.trim() !== '' ? error.message : i18n.t('errors.unknown');
}
