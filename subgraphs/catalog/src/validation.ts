import { BadUserInputError, decimalInput } from '@fed/service-kit';

/** Catalog input rules on top of the kit's; each failure names the field and the rule. */

/** Trimmed text of bounded length. */
export function textInput(field: string, value: string, options: { min?: number; max: number }): string {
  const trimmed = value.trim();
  const min = options.min ?? 1;
  if (trimmed.length < min || trimmed.length > options.max) {
    throw new BadUserInputError(
      field,
      min > 0 ? `must be ${min} to ${options.max} characters` : `must be at most ${options.max} characters`,
    );
  }
  return trimmed;
}

/** Optional text: null/undefined stays absent, blank becomes null. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return textInput(field, trimmed, { max });
}

/**
 * A decimal that fits a `DECIMAL(precision, scale)` column: at most `scale` decimal places (so
 * "12.345" as a price is refused, not rounded) and at most `precision - scale` integer digits.
 */
export function boundedDecimal(
  field: string,
  value: string,
  options: { precision: number; scale: number; positive?: boolean; min?: number },
): string {
  const parsed = decimalInput(field, value, {
    scale: options.scale,
    ...(options.positive ? { positive: true } : {}),
    min: options.min ?? 0,
  });
  const integerDigits = parsed
    .replace(/^-/, '')
    .split('.')[0]!
    .replace(/^0+(?=\d)/, '');
  if (integerDigits.length > options.precision - options.scale) {
    throw new BadUserInputError(field, `must be less than 1e${options.precision - options.scale}`);
  }
  return parsed;
}

/** Money columns are DECIMAL(12,2). */
export const moneyInput = (field: string, value: string, options: { positive?: boolean } = {}) =>
  boundedDecimal(field, value, { precision: 12, scale: 2, ...options });

export function currencyInput(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new BadUserInputError(field, 'must be a three-letter ISO 4217 currency code such as "USD"');
  return code;
}
