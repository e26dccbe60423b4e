import { BadUserInputError } from './errors.ts';

/** Input rules shared by the subgraphs; each failure names the field and the rule. */

export function decimalInput(field: string, value: string, options: { scale: number; min?: number; positive?: boolean }): string {
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) throw new BadUserInputError(field, 'must be a decimal number such as "12.50"');
  const fraction = trimmed.split('.')[1] ?? '';
  if (fraction.length > options.scale) throw new BadUserInputError(field, `must have at most ${options.scale} decimal places`);
  const numeric = Number(trimmed);
  if (options.positive && !(numeric > 0)) throw new BadUserInputError(field, 'must be greater than 0');
  if (options.min !== undefined && numeric < options.min) throw new BadUserInputError(field, `must be at least ${options.min}`);
  return trimmed;
}

export function integerInput(field: string, value: number, options: { min?: number; max?: number }): number {
  if (!Number.isInteger(value)) throw new BadUserInputError(field, 'must be a whole number');
  if (options.min !== undefined && value < options.min) throw new BadUserInputError(field, `must be at least ${options.min}`);
  if (options.max !== undefined && value > options.max) throw new BadUserInputError(field, `must be at most ${options.max}`);
  return value;
}

export function uuidInput(field: string, value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw new BadUserInputError(field, 'must be a UUID');
  }
  return value.toLowerCase();
}
