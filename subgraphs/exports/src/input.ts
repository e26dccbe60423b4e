import { BadUserInputError, decimalInput } from '@fed/service-kit';

/** Input rules of the exports subgraph; each failure names the field and the rule. */

export function requiredText(field: string, value: string, maxLength = 200): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(field, 'must not be empty');
  if (trimmed.length > maxLength) throw new BadUserInputError(field, `must be at most ${maxLength} characters`);
  return trimmed;
}

export function optionalText(field: string, value: string | null | undefined, maxLength = 200): string | null {
  if (value === null || value === undefined || !value.trim()) return null;
  return requiredText(field, value, maxLength);
}

/** ISO 3166-1 alpha-2, upper-cased. */
export function countryCode(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new BadUserInputError(field, 'must be an ISO 3166-1 alpha-2 country code such as "DE"');
  return code;
}

/** ISO 4217, upper-cased. */
export function currencyCode(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new BadUserInputError(field, 'must be an ISO 4217 currency code such as "USD"');
  return code;
}

/** A 6 to 10 digit HS / tariff code, optionally dotted after the heading: 0901.11, 0901.11.00, 09011100. */
export function hsCode(field: string, value: string): string {
  const code = value.trim();
  if (!/^\d{4}(\.?\d{2}){1,3}$/.test(code)) throw new BadUserInputError(field, 'must be an HS code of 6 to 10 digits such as "0901.11"');
  return code;
}

/** An HS-code prefix of 2 to 10 digits, stored without dots. */
export function hsCodePrefix(field: string, value: string): string {
  const digits = value.trim().replace(/\./g, '');
  if (!/^\d{2,10}$/.test(digits)) throw new BadUserInputError(field, 'must be an HS-code prefix of 2 to 10 digits such as "0901"');
  return digits;
}

/** The digits of an HS code, for prefix matching. */
export const hsDigits = (code: string) => code.replace(/\./g, '');

export const INCOTERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;

export function incoterm(field: string, value: string): string {
  const rule = value.trim().toUpperCase();
  if (!(INCOTERMS as readonly string[]).includes(rule)) {
    throw new BadUserInputError(field, `must be an Incoterms 2020 rule: ${INCOTERMS.join(', ')}`);
  }
  return rule;
}

export function emailAddress(field: string, value: string | null | undefined): string | null {
  const text = optionalText(field, value, 254);
  if (text && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw new BadUserInputError(field, 'must be an email address');
  return text?.toLowerCase() ?? null;
}

/** A list of distinct values, each checked, with a size limit. */
export function distinctList<T>(field: string, values: readonly string[], each: (field: string, value: string) => T, max = 100): T[] {
  if (values.length === 0) throw new BadUserInputError(field, 'must not be empty');
  if (values.length > max) throw new BadUserInputError(field, `must have at most ${max} entries`);
  const parsed = values.map((value, index) => each(`${field}[${index}]`, value));
  if (new Set(parsed).size !== parsed.length) throw new BadUserInputError(field, 'must not repeat an entry');
  return parsed;
}

/** A decimal within its column's precision: at most `precision - scale` digits before the point. */
export function boundedDecimal(
  field: string,
  value: string,
  options: { scale: number; precision: number; positive?: boolean; min?: number },
): string {
  const parsed = decimalInput(field, value, options);
  const whole = (parsed.replace(/^-/, '').split('.')[0] ?? '').replace(/^0+(?=\d)/, '');
  if (whole.length > options.precision - options.scale) {
    throw new BadUserInputError(field, `must be less than 1${'0'.repeat(options.precision - options.scale)}`);
  }
  return parsed;
}
