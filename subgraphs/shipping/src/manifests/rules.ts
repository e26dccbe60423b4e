import { BadUserInputError, decimalInput, integerInput, uuidInput } from '@fed/service-kit';
import { Prisma, type ManifestStatus } from '../generated/prisma/client.ts';

/** Input rules of manifests and their items; every failure names the field and the rule. */

/** The lifecycle: the status each target status must come from, and what the step is called. */
export const TRANSITIONS: Record<Exclude<ManifestStatus, 'DRAFT'>, { from: ManifestStatus; verb: string }> = {
  SUBMITTED: { from: 'DRAFT', verb: 'submitted' },
  APPROVED: { from: 'SUBMITTED', verb: 'approved' },
  REJECTED: { from: 'SUBMITTED', verb: 'rejected' },
  SHIPPED: { from: 'APPROVED', verb: 'shipped' },
  DELIVERED: { from: 'SHIPPED', verb: 'delivered' },
};

/** Caps that keep every manifest total inside its column's precision. */
export const LIMITS = {
  itemsPerManifest: 500,
  ordersPerManifest: 50,
  quantity: 1_000_000,
  weightKg: new Prisma.Decimal('1000000'),
  volumeM3: new Prisma.Decimal('100000'),
  value: new Prisma.Decimal('1000000000'),
  text: 500,
};

export function countryCodeInput(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new BadUserInputError(field, 'must be an ISO 3166-1 alpha-2 country code such as "DE"');
  return code;
}

export function currencyInput(field: string, value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new BadUserInputError(field, 'must be an ISO 4217 currency code such as "USD"');
  return code;
}

/** Harmonized System code: 6 to 10 digits, grouped 4 + 2 (+ 2 (+ 2)) with optional dots, e.g. 0901.11. */
export const HS_CODE = /^[0-9]{4}(\.?[0-9]{2}){1,3}$/;

export function hsCodeInput(field: string, value: string): string {
  const code = value.trim();
  if (!HS_CODE.test(code)) throw new BadUserInputError(field, 'must be a Harmonized System code of 6 to 10 digits such as "0901.11"');
  return code;
}

export function textInput(field: string, value: string, max = LIMITS.text): string {
  const text = value.trim();
  if (text.length === 0) throw new BadUserInputError(field, 'must not be empty');
  if (text.length > max) throw new BadUserInputError(field, `must be at most ${max} characters`);
  return text;
}

/** A decimal within [0 or >0, max] with at most `scale` fraction digits. */
export function measureInput(
  field: string,
  value: string,
  options: { scale: number; positive: boolean; max: Prisma.Decimal },
): Prisma.Decimal {
  const checked = decimalInput(
    field,
    value,
    options.positive ? { scale: options.scale, positive: true } : { scale: options.scale, min: 0 },
  );
  const decimal = new Prisma.Decimal(checked);
  if (decimal.greaterThan(options.max)) throw new BadUserInputError(field, `must be at most ${options.max.toFixed()}`);
  return decimal;
}

export const quantityInput = (field: string, value: number) => integerInput(field, value, { min: 1, max: LIMITS.quantity });
export const weightInput = (field: string, value: string) => measureInput(field, value, { scale: 3, positive: true, max: LIMITS.weightKg });
export const volumeInput = (field: string, value: string) =>
  measureInput(field, value, { scale: 4, positive: false, max: LIMITS.volumeM3 });
export const valueInput = (field: string, value: string) => measureInput(field, value, { scale: 2, positive: false, max: LIMITS.value });

export function orderIdsInput(field: string, values: readonly string[]): string[] {
  const ids = [...new Set(values.map((value, index) => uuidInput(`${field}[${index}]`, value)))];
  if (ids.length > LIMITS.ordersPerManifest) throw new BadUserInputError(field, `must list at most ${LIMITS.ordersPerManifest} orders`);
  return ids;
}

/** An item as the client sent it, format-checked; product defaults are filled in by the service. */
export interface ItemDraft {
  /** Prefix of the item's fields in error messages, e.g. `items[1].`. */
  path: string;
  productId: string;
  quantity: number;
  description: string | null;
  weightKg: Prisma.Decimal | null;
  volumeM3: Prisma.Decimal;
  value: Prisma.Decimal;
  hsCode: string | null;
  originCountry: string | null;
}

export interface ItemInput {
  productId: string;
  quantity: number;
  description?: string | null;
  weightKg?: string | null;
  volumeM3?: string | null;
  value: string;
  hsCode?: string | null;
  originCountry?: string | null;
}

export function itemDraft(path: string, input: ItemInput): ItemDraft {
  return {
    path,
    productId: uuidInput(`${path}productId`, input.productId),
    quantity: quantityInput(`${path}quantity`, input.quantity),
    description: input.description != null ? textInput(`${path}description`, input.description) : null,
    weightKg: input.weightKg != null ? weightInput(`${path}weightKg`, input.weightKg) : null,
    volumeM3: input.volumeM3 != null ? volumeInput(`${path}volumeM3`, input.volumeM3) : new Prisma.Decimal(0),
    value: valueInput(`${path}value`, input.value),
    hsCode: input.hsCode != null ? hsCodeInput(`${path}hsCode`, input.hsCode) : null,
    originCountry: input.originCountry != null ? countryCodeInput(`${path}originCountry`, input.originCountry) : null,
  };
}

/** Which database constraint guards which input field, for errors the database raises itself. */
export const FIELD_OF_CONSTRAINT: Record<string, { field: string; rule: string }> = {
  ManifestItem_quantity_check: { field: 'quantity', rule: 'must be greater than 0' },
  ManifestItem_weightKg_check: { field: 'weightKg', rule: 'must be greater than 0' },
  ManifestItem_volumeM3_check: { field: 'volumeM3', rule: 'must be at least 0' },
  ManifestItem_value_check: { field: 'value', rule: 'must be at least 0' },
  ManifestItem_hsCode_check: { field: 'hsCode', rule: 'must be a Harmonized System code of 6 to 10 digits such as "0901.11"' },
  ManifestItem_productId_tenantId_fkey: { field: 'productId', rule: 'must be a product of your tenant' },
  ManifestItem_originCountry_fkey: { field: 'originCountry', rule: 'must be a known country code' },
  Manifest_originCountry_fkey: { field: 'originCountry', rule: 'must be an active shipping country' },
  Manifest_destinationCountry_fkey: { field: 'destinationCountry', rule: 'must be an active shipping country' },
  Manifest_countries_check: { field: 'destinationCountry', rule: 'must differ from originCountry' },
  Manifest_currency_check: { field: 'currency', rule: 'must be an ISO 4217 currency code such as "USD"' },
};
