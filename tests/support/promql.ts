import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'group_left', 'group_right', 'inf', 'nan']);
/** Series Prometheus makes itself, not the services. */
const BUILT_IN = new Set(['up']);

/** The metric names a PromQL expression reads (functions, keywords, label names and literals left out). */
export function metricNamesIn(expression: string): string[] {
  const bare = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\b\d+(\.\d+)?(e[-+]?\d+)?\b/gi, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (match[2] || KEYWORDS.has(match[1]!.toLowerCase()) || BUILT_IN.has(match[1]!)) continue;
    names.add(match[1]!);
  }
  return [...names];
}

export interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

export const alertRules = (): RuleFile => parse(read('deploy/observability/alerts.yml')) as RuleFile;

export const prometheusRule = (): RuleFile =>
  parseAllDocuments(read('deploy/observability/servicemonitor.yaml'))
    .map((document) => document.toJSON() as { kind: string; spec: RuleFile })
    .find((document) => document.kind === 'PrometheusRule')!.spec;

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}
export const dashboard = (): Dashboard => JSON.parse(read('deploy/observability/grafana-dashboard.json')) as Dashboard;

/** Metric families (histograms without their _bucket/_sum/_count) the rules and the dashboard read, with where. */
export function metricsNamedByRulesAndDashboard(): Map<string, string> {
  const named = new Map<string, string>();
  for (const group of alertRules().groups)
    for (const rule of group.rules) for (const name of metricNamesIn(rule.expr)) named.set(name, `alert ${rule.alert ?? rule.record}`);
  for (const panel of dashboard().panels)
    for (const target of panel.targets) for (const name of metricNamesIn(target.expr)) named.set(name, `panel "${panel.title}"`);
  return named;
}

/** A sample name as its family: `x_bucket`, `x_sum`, `x_count` of a histogram family x are x. */
export function familyOf(name: string, families: Set<string>): string {
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return !families.has(name) && families.has(base) ? base : name;
}
