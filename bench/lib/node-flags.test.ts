import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT, SERVICE_NODE_FLAGS } from './processes.ts';

/**
 * The node flags measured for our services are the ones every way of starting them uses: the
 * image's NODE_OPTIONS, each package's `start` script, each Kubernetes container, and the
 * benchmark (which must measure what production runs).
 */
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const SERVICES = ['gateway', ...readdirSync(join(REPO_ROOT, 'subgraphs')).map((name) => `subgraphs/${name}`)];

it('gives every service the same node flags in the image, the start scripts, the manifests and the benchmark', () => {
  expect(SERVICE_NODE_FLAGS.length).toBeGreaterThan(0);
  expect(read('Dockerfile')).toContain(`ENV NODE_OPTIONS=${SERVICE_NODE_FLAGS.join(' ')}\n`);
  for (const service of SERVICES) {
    const start = (JSON.parse(read(`${service}/package.json`)) as { scripts: { start: string } }).scripts.start;
    expect(start, service).toBe(`node ${SERVICE_NODE_FLAGS.join(' ')} --import tsx src/index.ts`);
    const manifest = read(`deploy/k8s/base/${service.replace('subgraphs/', '')}.yaml`);
    const command = `command: ['node', ${SERVICE_NODE_FLAGS.map((flag) => `'${flag}'`).join(', ')}, '--import', 'tsx', '${service}/src/index.ts']`;
    expect(manifest, service).toContain(command);
  }
});
