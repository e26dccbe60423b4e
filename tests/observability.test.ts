import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { alertRules, familyOf, metricNamesIn, metricsNamedByRulesAndDashboard, prometheusRule } from './support/promql.ts';

/**
 * deploy/observability as code: promtool accepts the alert rules and the scrape configuration and
 * the rules' unit tests pass; the Operator's PrometheusRule carries the same rules; every metric the
 * rules and the dashboard read is one the services document (tests/metrics.test.ts proves the
 * documented ones are exported, and checks these names against real scrapes too).
 */
const folder = fileURLToPath(new URL('../deploy/observability/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'fed-observability-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const promtool = (...args: string[]) => {
  const result = spawnSync('promtool', args, { encoding: 'utf8' });
  if (result.error)
    throw new Error(`promtool is not installed (Debian package "prometheus": apt-get install -y prometheus): ${result.error.message}`);
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
};

describe('deploy/observability', () => {
  it('promtool accepts the alert rules', () => {
    const result = promtool('check', 'rules', join(folder, 'alerts.yml'));
    expect(result.output).toContain('SUCCESS');
    expect(result.status, result.output).toBe(0);
  });

  it("the alert rules' unit tests pass (outbox age, broken audit chain, error ratio fire as meant)", () => {
    const result = promtool('test', 'rules', join(folder, 'alerts.test.yml'));
    expect(result.status, result.output).toBe(0);
  });

  it('promtool accepts the scrape configuration', () => {
    // The token file it names is the operator's; here a stand-in next to a copy of the rules.
    const tokenFile = join(work, 'token');
    writeFileSync(tokenFile, 'a-stand-in-metrics-token');
    copyFileSync(join(folder, 'alerts.yml'), join(work, 'alerts.yml'));
    const config = readFileSync(join(folder, 'prometheus.yml'), 'utf8').replaceAll('/etc/prometheus/fed-graph-metrics-token', tokenFile);
    writeFileSync(join(work, 'prometheus.yml'), config);
    const result = promtool('check', 'config', join(work, 'prometheus.yml'));
    expect(result.status, result.output).toBe(0);
    expect(execFileSync('promtool', ['--version'], { encoding: 'utf8' })).toMatch(/promtool/);
  });

  it('the PrometheusRule for the Operator carries exactly the rules of alerts.yml', () => {
    expect(prometheusRule()).toEqual(alertRules());
  });

  it('alerts cover error ratio, p99 latency, outbox age, consumer lag and audit chain failures', () => {
    const alerts = alertRules().groups.flatMap((group) => group.rules);
    const reading = (metric: string) => alerts.filter((rule) => metricNamesIn(rule.expr).includes(metric)).map((rule) => rule.alert);
    expect(reading('gateway_graphql_errors_total')).not.toEqual([]);
    expect(reading('gateway_graphql_operation_duration_seconds_bucket')).not.toEqual([]);
    expect(reading('outbox_oldest_pending_event_age_seconds')).not.toEqual([]);
    expect(reading('event_consumer_lag_messages')).not.toEqual([]);
    expect(reading('audit_chain_verifications_total')).not.toEqual([]);
  });

  it('every metric the rules and the dashboard read is one METRICS.md lists', () => {
    const documented = new Set(
      [...readFileSync(new URL('../METRICS.md', import.meta.url), 'utf8').matchAll(/^\| `([a-z_:]+)` +\|/gm)].map((match) => match[1]!),
    );
    const named = metricsNamedByRulesAndDashboard();
    expect(named.size).toBeGreaterThan(15);
    const unknown = [...named].filter(([name]) => !documented.has(familyOf(name, documented))).map(([name, where]) => `${name} (${where})`);
    expect(unknown).toEqual([]);
  });
});
