import { describe, expect, it } from 'vitest';
import { Prisma, type ExportLicense } from '../generated/prisma/client.ts';
import { checkSubmission, SubmissionRuleError, type SubmissionFacts } from './rules.ts';

const now = new Date('2026-06-15T12:00:00.000Z');
const license: ExportLicense = {
  id: '00000000-0000-4000-8000-000000000001',
  tenantId: '00000000-0000-4000-8000-000000000002',
  exporterProfileId: '00000000-0000-4000-8000-000000000003',
  number: 'EL-1',
  issuingAuthority: 'Ministry',
  hsCodePrefixes: ['0901', '6214'],
  destinationCountries: ['DE', 'US'],
  quotaUnit: 'VALUE',
  annualQuota: new Prisma.Decimal('10000.00'),
  quotaCurrency: 'USD',
  validFrom: new Date('2026-01-01T00:00:00.000Z'),
  validUntil: new Date('2027-01-01T00:00:00.000Z'),
  status: 'ACTIVE',
  statusReason: null,
  createdAt: now,
  updatedAt: now,
};

const facts = (overrides: Partial<SubmissionFacts> = {}): SubmissionFacts => ({
  request: { reference: 'EXP-2026-0042', destinationCountry: 'DE', currency: 'USD', declaredValue: new Prisma.Decimal('2500.00') },
  goods: [
    { lineNo: 1, hsCode: '0901.11', weightKg: new Prisma.Decimal('60.000') },
    { lineNo: 2, hsCode: '6214.90.00', weightKg: new Prisma.Decimal('0.250') },
  ],
  exporter: { legalName: 'Acme', status: 'ACTIVE' },
  license,
  quotaUsed: new Prisma.Decimal('7500.00'),
  now,
  ...overrides,
});

const ruleOf = (input: SubmissionFacts) => {
  try {
    checkSubmission(input);
  } catch (error) {
    if (error instanceof SubmissionRuleError) return { rule: error.rule, message: error.message };
    throw error;
  }
  return null;
};

describe('submission rules', () => {
  it('claims the declared value of a VALUE quota for the submission year when everything holds', () => {
    const claim = checkSubmission(facts());
    expect(claim.quotaAmount.toFixed(2)).toBe('2500.00');
    expect(claim.quotaYear).toBe(2026);
  });

  it('claims the exact total weight of a WEIGHT quota, without float rounding', () => {
    const weightLicense = { ...license, quotaUnit: 'WEIGHT' as const, quotaCurrency: null, annualQuota: new Prisma.Decimal('60.250') };
    const goods = [
      { lineNo: 1, hsCode: '0901.11', weightKg: new Prisma.Decimal('0.100') },
      { lineNo: 2, hsCode: '0901.11', weightKg: new Prisma.Decimal('0.200') },
    ];
    expect(checkSubmission(facts({ license: weightLicense, goods, quotaUsed: new Prisma.Decimal('59.950') })).quotaAmount.toFixed(3)).toBe(
      '0.300',
    );
    expect(ruleOf(facts({ license: weightLicense, goods, quotaUsed: new Prisma.Decimal('59.951') }))?.rule).toBe('QUOTA_EXCEEDED');
  });

  it('accepts a submission that uses the quota up exactly, and refuses one cent more', () => {
    expect(ruleOf(facts({ quotaUsed: new Prisma.Decimal('7500.00') }))).toBeNull();
    expect(ruleOf(facts({ quotaUsed: new Prisma.Decimal('7500.01') }))).toEqual({
      rule: 'QUOTA_EXCEEDED',
      message:
        "Export EXP-2026-0042 cannot go from DRAFT to SUBMITTED: it needs 2500.00 USD of license EL-1's 2026 quota, but only 2499.99 USD of 10000.00 USD remain",
    });
  });

  it('names the first rule that fails, in order', () => {
    expect(ruleOf(facts({ exporter: { legalName: 'Acme', status: 'PENDING' } }))?.rule).toBe('EXPORTER_NOT_ACTIVE');
    expect(ruleOf(facts({ license: null }))?.rule).toBe('LICENSE_MISSING');
    expect(ruleOf(facts({ license: { ...license, status: 'REVOKED' } }))?.message).toContain('license EL-1 is REVOKED');
    expect(ruleOf(facts({ now: new Date('2025-12-31T23:59:59.999Z') }))?.rule).toBe('LICENSE_NOT_YET_VALID');
    expect(ruleOf(facts({ now: license.validUntil }))?.rule).toBe('LICENSE_EXPIRED');
    expect(ruleOf(facts({ request: { ...facts().request, destinationCountry: 'BR' } }))?.message).toContain(
      'license EL-1 does not cover destination BR (it covers DE, US)',
    );
    expect(ruleOf(facts({ goods: [{ lineNo: 3, hsCode: '0904.11', weightKg: new Prisma.Decimal(5) }] }))?.message).toContain(
      'does not cover goods line 3 (HS 0904.11); it covers HS codes starting 0901, 6214',
    );
    expect(ruleOf(facts({ request: { ...facts().request, currency: 'EUR' } }))?.rule).toBe('QUOTA_CURRENCY_MISMATCH');
  });

  it('matches HS-code prefixes on digits, ignoring dots', () => {
    const dotted = { ...license, hsCodePrefixes: ['090111'] };
    expect(ruleOf(facts({ license: dotted, goods: [{ lineNo: 1, hsCode: '0901.11.00', weightKg: new Prisma.Decimal(1) }] }))).toBeNull();
    expect(ruleOf(facts({ license: dotted, goods: [{ lineNo: 1, hsCode: '0901.12', weightKg: new Prisma.Decimal(1) }] }))?.rule).toBe(
      'GOODS_NOT_LICENSED',
    );
  });
});
