import { ConflictError } from '@fed/service-kit';
import { Prisma, type Export, type ExporterProfile, type ExportGoodsLine, type ExportLicense } from '../generated/prisma/client.ts';
import { hsDigits } from '../input.ts';

/** The submission rules, each with a stable name clients can branch on (`extensions.rule`). */
export type SubmissionRule =
  | 'EXPORTER_NOT_ACTIVE'
  | 'LICENSE_MISSING'
  | 'LICENSE_NOT_ACTIVE'
  | 'LICENSE_NOT_YET_VALID'
  | 'LICENSE_EXPIRED'
  | 'DESTINATION_NOT_LICENSED'
  | 'GOODS_NOT_LICENSED'
  | 'QUOTA_CURRENCY_MISMATCH'
  | 'QUOTA_EXCEEDED';

/** A submission refused by a rule: an invalid DRAFT -> SUBMITTED transition that says which rule failed. */
export class SubmissionRuleError extends ConflictError {
  constructor(
    reference: string,
    readonly rule: SubmissionRule,
    reason: string,
  ) {
    super(`Export ${reference} cannot go from DRAFT to SUBMITTED: ${reason}`, { from: 'DRAFT', to: 'SUBMITTED', rule });
  }
}

export interface SubmissionFacts {
  request: Pick<Export, 'reference' | 'destinationCountry' | 'currency' | 'declaredValue'>;
  goods: Pick<ExportGoodsLine, 'lineNo' | 'hsCode' | 'weightKg'>[];
  exporter: Pick<ExporterProfile, 'legalName' | 'status'>;
  license: ExportLicense | null;
  /** Quota already taken in the submission's year by other exports under the license (read under its row lock). */
  quotaUsed: Prisma.Decimal;
  now: Date;
}

export interface QuotaClaim {
  quotaAmount: Prisma.Decimal;
  quotaYear: number;
}

/** Sum of the goods lines' weights, exactly (no floats). */
export const totalWeight = (goods: readonly Pick<ExportGoodsLine, 'weightKg'>[]) =>
  goods.reduce((sum, line) => sum.plus(line.weightKg), new Prisma.Decimal(0));

/**
 * Checks every submission rule in order and returns what the export will take from the license's
 * annual quota; throws SubmissionRuleError naming the first rule that fails. Pure: the caller reads
 * the facts in the submitting transaction, under the license's row lock.
 */
export function checkSubmission(facts: SubmissionFacts): QuotaClaim {
  const { request, license, exporter, now } = facts;
  const refuse = (rule: SubmissionRule, reason: string): never => {
    throw new SubmissionRuleError(request.reference, rule, reason);
  };
  if (exporter.status !== 'ACTIVE') refuse('EXPORTER_NOT_ACTIVE', `the exporter ${exporter.legalName} is ${exporter.status}, not ACTIVE`);
  if (!license) return refuse('LICENSE_MISSING', 'it has no export license');
  if (license.status !== 'ACTIVE') refuse('LICENSE_NOT_ACTIVE', `license ${license.number} is ${license.status}`);
  if (now < license.validFrom) {
    refuse('LICENSE_NOT_YET_VALID', `license ${license.number} is valid only from ${license.validFrom.toISOString()}`);
  }
  if (now >= license.validUntil) refuse('LICENSE_EXPIRED', `license ${license.number} expired at ${license.validUntil.toISOString()}`);
  if (!license.destinationCountries.includes(request.destinationCountry)) {
    refuse(
      'DESTINATION_NOT_LICENSED',
      `license ${license.number} does not cover destination ${request.destinationCountry} (it covers ${license.destinationCountries.join(', ')})`,
    );
  }
  const uncovered = facts.goods.filter((line) => !license.hsCodePrefixes.some((prefix) => hsDigits(line.hsCode).startsWith(prefix)));
  if (uncovered.length > 0) {
    refuse(
      'GOODS_NOT_LICENSED',
      `license ${license.number} does not cover ${uncovered.map((line) => `goods line ${line.lineNo} (HS ${line.hsCode})`).join(', ')}; ` +
        `it covers HS codes starting ${license.hsCodePrefixes.join(', ')}`,
    );
  }
  let quotaAmount: Prisma.Decimal;
  let unit: string;
  let digits: number;
  if (license.quotaUnit === 'VALUE') {
    if (license.quotaCurrency !== request.currency) {
      refuse(
        'QUOTA_CURRENCY_MISMATCH',
        `license ${license.number} counts its quota in ${license.quotaCurrency ?? '?'}, the export is declared in ${request.currency}`,
      );
    }
    quotaAmount = new Prisma.Decimal(request.declaredValue);
    [unit, digits] = [request.currency, 2];
  } else {
    quotaAmount = totalWeight(facts.goods);
    [unit, digits] = ['kg', 3];
  }
  const quotaYear = now.getUTCFullYear();
  const annualQuota = new Prisma.Decimal(license.annualQuota);
  const remaining = annualQuota.minus(facts.quotaUsed);
  if (quotaAmount.greaterThan(remaining)) {
    const amount = (value: Prisma.Decimal) => `${value.toFixed(digits)} ${unit}`;
    refuse(
      'QUOTA_EXCEEDED',
      `it needs ${amount(quotaAmount)} of license ${license.number}'s ${quotaYear} quota, ` +
        `but only ${amount(Prisma.Decimal.max(remaining, 0))} of ${amount(annualQuota)} remain`,
    );
  }
  return { quotaAmount, quotaYear };
}
