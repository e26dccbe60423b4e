import { readFileSync } from 'node:fs';

/**
 * Summaries of a V8 CPU profile (`node --cpu-prof`): where the samples fell, by function and by
 * package (or repository folder), as shares of all samples. Enough to compare two gateways'
 * profiles in a terminal; for call trees open the file in Chrome DevTools or speedscope.
 *
 * `node --import tsx bench/lib/cpu-profile.ts <file.cpuprofile> [top]`
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileShare {
  name: string;
  /** Share of all samples, 0…1. */
  share: number;
}

export interface ProfileSummary {
  /** Profiled time, in milliseconds. */
  durationMs: number;
  /** Self time by function (name, file and line). */
  functions: ProfileShare[];
  /** Self time by package (node_modules/<package>), repository folder, or node/V8 category. */
  packages: ProfileShare[];
  /** Total (self + callees) time of functions whose name or location matches one of `inclusive`. */
  inclusive: ProfileShare[];
}

export function summarizeCpuProfile(path: string, options: { top?: number; inclusive?: readonly RegExp[] } = {}): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const top = options.top ?? 25;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const hits = new Map<number, number>();
  if (profile.samples) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  const total = [...hits.values()].reduce((sum, count) => sum + count, 0) || 1;

  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, count] of hits) {
    const frame = byId.get(id)!.callFrame;
    add(functions, `${frame.functionName || '(anonymous)'} ${shortLocation(frame.url)}:${frame.lineNumber + 1}`, count);
    add(packages, packageOf(frame), count);
  }

  // Inclusive time: a sample counts once for a matching function anywhere on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, count] of hits) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)!.callFrame;
      const label = `${frame.functionName || '(anonymous)'} ${shortLocation(frame.url)}`;
      if (!seen.has(label) && options.inclusive?.some((pattern) => pattern.test(label))) {
        seen.add(label);
        add(inclusive, label, count);
      }
    }
  }

  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, count]) => ({ name, share: count / total }));
  return {
    durationMs: (profile.endTime - profile.startTime) / 1000,
    functions: ranked(functions),
    packages: ranked(packages),
    inclusive: ranked(inclusive),
  };
}

function add(map: Map<string, number>, key: string, count: number): void {
  map.set(key, (map.get(key) ?? 0) + count);
}

function shortLocation(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) return url.slice(modules + 'node_modules/'.length);
  return url.replace(/^file:\/\/.*?\/(gateway|bench|packages|subgraphs|tests)\//, '$1/');
}

function packageOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? url);
  }
  const folder = /\/(gateway|bench|packages\/[^/]+|subgraphs\/[^/]+)\//.exec(url);
  return folder ? folder[1]! : url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, top] = process.argv.slice(2);
  if (!path) throw new Error('usage: cpu-profile.ts <file.cpuprofile> [top]');
  const summary = summarizeCpuProfile(path, { top: Number(top ?? 25) });
  const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  console.log(`${path}: ${(summary.durationMs / 1000).toFixed(1)} s profiled\n\nself time by package:`);
  for (const entry of summary.packages) console.log(`  ${percent(entry.share)}  ${entry.name}`);
  console.log('\nself time by function:');
  for (const entry of summary.functions) console.log(`  ${percent(entry.share)}  ${entry.name}`);
}
