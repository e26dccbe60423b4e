import { env, loadConfig } from '@fed/service-kit';

/** Variables only the audit subgraph reads. */
export const auditEnv = {
  /** How long events are kept before the purge may remove them (default 7 years). */
  AUDIT_RETENTION_DAYS: env.positiveInt(7 * 365 + 2),
};

export const loadAuditConfig = (source: Record<string, string | undefined>) => loadConfig(auditEnv, source);
