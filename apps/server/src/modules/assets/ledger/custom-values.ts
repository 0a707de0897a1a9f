import type { CustomFields } from '@mamori/contracts';
import { fieldError, type FieldError } from '../../../platform/errors/app-error';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && s >= '1900-01-01' && s <= '2200-12-31';

/**
 * Checks custom values against the fields the security office defined (setting `assets.customFields`): an unknown
 * key, a value of the wrong type (number, date YYYY-MM-DD, a choice of the list) or a missing required value is
 * named at `<prefix>.<key>`. Empty strings count as no value. Answers the values to store (numbers as numbers).
 */
export function checkCustomValues(
  fields: CustomFields,
  values: Record<string, unknown>,
  opts: { prefix: string; requireAll: boolean },
): { values: Record<string, string | number | null>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, string | number | null> = {};
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(values))
    if (!byKey.has(key)) errors.push(fieldError(`${opts.prefix}.${key}`, 'assets.custom_unknown', { key }));
  for (const f of fields) {
    const path = `${opts.prefix}.${f.key}`;
    const raw = values[f.key];
    const empty = raw === undefined || raw === null || raw === '';
    if (empty) {
      if (f.required && opts.requireAll) errors.push(fieldError(path, 'validation.required'));
      if (raw !== undefined) out[f.key] = null;
      continue;
    }
    const label = { ja: f.labelJa, en: f.labelEn };
    switch (f.type) {
      case 'number': {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
        if (!Number.isFinite(n) || Math.abs(n) > 1e12) errors.push(fieldError(path, 'assets.custom_not_number', { label }));
        else out[f.key] = n;
        break;
      }
      case 'date':
        if (typeof raw !== 'string' || !isDay(raw)) errors.push(fieldError(path, 'assets.custom_not_date', { label }));
        else out[f.key] = raw;
        break;
      case 'list':
        if (typeof raw !== 'string' || !f.options.includes(raw))
          errors.push(fieldError(path, 'assets.custom_not_option', { label, options: f.options.join(', ') }));
        else out[f.key] = raw;
        break;
      case 'text':
        if (typeof raw !== 'string') errors.push(fieldError(path, 'assets.custom_not_text', { label }));
        else out[f.key] = raw.trim();
        break;
    }
  }
  return { values: out, errors };
}
