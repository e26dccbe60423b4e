import { z } from 'zod';

/** A configuration problem names the variable, so an operator knows what to fix. */
export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Validates the environment against a zod object whose keys are the variable names. Every
 * variable must carry a default that works in the embedded mode (or be optional).
 */
export function loadConfig<Shape extends z.ZodRawShape>(shape: Shape, env: Env = process.env): z.infer<z.ZodObject<Shape>> {
  const relevant: Env = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    // An empty variable means "unset": compose files and shells often export KEY= .
    if (value !== undefined && value !== '') relevant[key] = value;
  }
  const parsed = z.object(shape).safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.') || '(environment)';
        return `${variable}: ${issue.message} (got ${JSON.stringify(relevant[variable] ?? null)})`;
      }),
    );
  }
  return parsed.data;
}

/** Reusable field validators for the variables every service has. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  url: () => z.url().optional(),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  /** A shared secret long enough not to be guessed. */
  metricsToken: () => z.string().min(16, 'must be at least 16 characters').optional(),
  logLevel: () => z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
};

/**
 * Operation names, tenants' traffic and error rates are not for anyone who can reach a port: in
 * production `/metrics` is served only behind METRICS_TOKEN (or switched off).
 */
export function requireMetricsToken(config: { METRICS_ENABLED: boolean; METRICS_TOKEN?: string | undefined }, production: boolean): void {
  if (production && config.METRICS_ENABLED && !config.METRICS_TOKEN) {
    throw new ConfigError([
      'METRICS_TOKEN: required in production while METRICS_ENABLED is true (the bearer token Prometheus sends to /metrics)',
    ]);
  }
}
