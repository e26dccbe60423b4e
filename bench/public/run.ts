/**
 * `node --import tsx bench/public/run.ts [--duration 10] [--connections 50] [--rounds 2]
 *   [--warmup 3] [--gateways ours,apollo,hive,hive-rust] [--cpu-prof-dir DIR] [--json FILE]
 *   [--node-option=--max-semi-space-size=64 …]`
 *
 * Runs the public workload alone and prints a table. With --cpu-prof-dir, every gateway writes V8
 * CPU profiles into DIR/<gateway>/ when it stops: one per thread (tsx's module loader runs on a
 * thread of its own); the main thread's is CPU.<date>.<time>.<pid>.0.<n>.cpuprofile (thread 0). Summarize one with
 * `node --import tsx bench/lib/cpu-profile.ts <file>`, or open it in Chrome DevTools.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GATEWAY_KINDS, type GatewayKind } from '../lib/gateways.ts';
import { formatPublicTable, runPublicWorkload } from './workload.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    gateways: { type: 'string', default: GATEWAY_KINDS.join(',') },
    'cpu-prof-dir': { type: 'string' },
    /** Extra node flags for every gateway, e.g. --node-option=--max-semi-space-size=64 (repeatable). */
    'node-option': { type: 'string', multiple: true, default: [] },
    json: { type: 'string' },
  },
});

const gateways = values.gateways.split(',').map((kind) => {
  if (!(GATEWAY_KINDS as readonly string[]).includes(kind))
    throw new Error(`--gateways: unknown gateway ${kind} (${GATEWAY_KINDS.join(', ')})`);
  return kind as GatewayKind;
});
const profileDir = values['cpu-prof-dir'];
const result = await runPublicWorkload({
  durationSeconds: Number(values.duration),
  connections: Number(values.connections),
  rounds: Number(values.rounds),
  warmupSeconds: Number(values.warmup),
  gateways,
  nodeOptions: Object.fromEntries(
    gateways.map((kind) => [
      kind,
      [...values['node-option'], ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, kind)}`] : [])],
    ]),
  ),
  log: (line) => console.log(line),
});
console.log(`\n${formatPublicTable(result)}`);
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
if (result.gateways.some((gateway) => gateway.errors > 0)) process.exitCode = 1;
