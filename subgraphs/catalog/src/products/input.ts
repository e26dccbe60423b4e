import { BadUserInputError, uuidInput } from '@fed/service-kit';
import type { Prisma, ProductStatus } from '../generated/prisma/client.ts';
import { boundedDecimal, moneyInput, optionalText, textInput } from '../validation.ts';

/** Product input as GraphQL delivers it; every rule failure names the field. */
export interface ProductInput {
  sku?: string | null;
  name?: string | null;
  description?: string | null;
  price?: string | null;
  cost?: string | null;
  weightKg?: string | null;
  dimensions?: { lengthCm: string; widthCm: string; heightCm: string } | null;
  tags?: string[] | null;
  hsCode?: string | null;
  status?: ProductStatus | null;
  categoryId?: string | null;
}

export function skuInput(value: string): string {
  const sku = value.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._-]{0,63}$/.test(sku)) {
    throw new BadUserInputError('sku', 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  return sku;
}

function hsCodeInput(value: string | null): string | null {
  const code = value?.trim() || null;
  if (code && !/^\d{4}(\.?\d{2}){0,3}$/.test(code)) {
    throw new BadUserInputError('hsCode', 'must be a Harmonized System code: 4 digits, then up to 3 pairs, e.g. "0901.11"');
  }
  return code;
}

function tagsInput(tags: string[]): string[] {
  if (tags.length > 20) throw new BadUserInputError('tags', 'must have at most 20 tags');
  return [...new Set(tags.map((tag, index) => textInput(`tags[${index}]`, tag, { max: 40 }).toLowerCase()))];
}

const weightInput = (value: string) => boundedDecimal('weightKg', value, { precision: 10, scale: 3 });

function dimensionsInput(dimensions: NonNullable<ProductInput['dimensions']>) {
  const size = (field: 'lengthCm' | 'widthCm' | 'heightCm') =>
    boundedDecimal(`dimensions.${field}`, dimensions[field], { precision: 10, scale: 2, positive: true });
  return { lengthCm: size('lengthCm'), widthCm: size('widthCm'), heightCm: size('heightCm') };
}

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

export function productCreateData(tenantId: string, input: ProductInput): Prisma.ProductUncheckedCreateInput {
  const required = (field: keyof ProductInput) => {
    const value = input[field];
    if (typeof value !== 'string') throw new BadUserInputError(field, 'is required');
    return value;
  };
  return {
    tenantId,
    sku: skuInput(required('sku')),
    name: textInput('name', required('name'), { max: 200 }),
    description: optionalText('description', input.description, 10_000) ?? '',
    price: moneyInput('price', required('price')),
    cost: moneyInput('cost', required('cost')),
    weightKg: weightInput(required('weightKg')),
    ...(input.dimensions ? dimensionsInput(input.dimensions) : {}),
    tags: tagsInput(input.tags ?? []),
    hsCode: hsCodeInput(input.hsCode ?? null),
    ...(input.status ? { status: input.status } : {}),
    categoryId: input.categoryId ? uuidInput('categoryId', input.categoryId) : null,
  };
}

/** Only the fields present change; an explicit null clears the optional ones. */
export function productUpdateData(input: ProductInput): Prisma.ProductUncheckedUpdateInput {
  const data: Prisma.ProductUncheckedUpdateInput = {};
  if (given(input.sku)) data.sku = skuInput(input.sku);
  if (given(input.name)) data.name = textInput('name', input.name, { max: 200 });
  if (given(input.description)) data.description = optionalText('description', input.description, 10_000) ?? '';
  if (given(input.price)) data.price = moneyInput('price', input.price);
  if (given(input.cost)) data.cost = moneyInput('cost', input.cost);
  if (given(input.weightKg)) data.weightKg = weightInput(input.weightKg);
  if (input.dimensions !== undefined) {
    Object.assign(data, input.dimensions ? dimensionsInput(input.dimensions) : { lengthCm: null, widthCm: null, heightCm: null });
  }
  if (given(input.tags)) data.tags = tagsInput(input.tags);
  if (input.hsCode !== undefined) data.hsCode = hsCodeInput(input.hsCode);
  if (given(input.status)) data.status = input.status;
  if (input.categoryId !== undefined) data.categoryId = input.categoryId ? uuidInput('categoryId', input.categoryId) : null;
  return data;
}
