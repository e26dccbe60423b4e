import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PORTS } from '@fed/service-kit';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';

/** No cluster here: the manifests are checked for the references a cluster would resolve. */
const root = fileURLToPath(new URL('..', import.meta.url));
const base = `${root}/deploy/k8s/base`;
const readme = readFileSync(`${root}/README.md`, 'utf8');

interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
  data?: Record<string, string>;
}
interface Container {
  name: string;
  image: string;
  command: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  resources?: { requests?: Record<string, string> };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
}

const kustomization = parse(readFileSync(`${base}/kustomization.yaml`, 'utf8')) as { resources: string[] };
const manifests: Manifest[] = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(`${base}/${file}`, 'utf8')).map((document) => document.toJSON() as Manifest),
);
const byKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const podSpec = (manifest: Manifest) => (manifest.spec.template as { spec: { containers: Container[] } }).spec;
const documented = (variable: string) =>
  readme.includes(`\`${variable}\``) ||
  readme.includes(`\`${variable.replace(/^(USERS|CATALOG|SHIPPING|EXPORTS|AUDIT)_/, '<SUBGRAPH>_')}\``);

describe('Kubernetes manifests (kustomize base)', () => {
  it('lists only files that exist, and the production overlay builds on the base', () => {
    for (const file of kustomization.resources) expect(existsSync(`${base}/${file}`), file).toBe(true);
    const overlay = parse(readFileSync(`${root}/deploy/k8s/overlays/production/kustomization.yaml`, 'utf8')) as { resources: string[] };
    expect(overlay.resources).toContain('../../base');
  });

  it('runs the gateway and every subgraph with probes on /ready and /health of the port it listens on', () => {
    const deployments = byKind('Deployment');
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(Object.keys(DEFAULT_PORTS).sort());
    for (const deployment of deployments) {
      const name = deployment.metadata.name as keyof typeof DEFAULT_PORTS;
      const [container] = podSpec(deployment).containers;
      expect(container!.ports).toEqual([{ name: 'http', containerPort: DEFAULT_PORTS[name] }]);
      expect(container!.readinessProbe!.httpGet).toEqual({ path: '/ready', port: 'http' });
      expect(container!.livenessProbe!.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container!.resources!.requests).toHaveProperty('cpu');
      const entry = container!.command.find((part) => part.endsWith('.ts'))!;
      expect(existsSync(`${root}/${entry}`), entry).toBe(true);
      const portVariable = name === 'gateway' ? 'PORT' : `${name.toUpperCase()}_PORT`;
      expect(container!.env!.find((variable) => variable.name === portVariable)?.value).toBe(String(DEFAULT_PORTS[name]));
    }
  });

  it('keeps serving while endpoints are withdrawn, then drains within the termination grace period', () => {
    for (const deployment of byKind('Deployment')) {
      const spec = podSpec(deployment) as ReturnType<typeof podSpec> & { terminationGracePeriodSeconds: number };
      const [container] = spec.containers;
      const [sleep, seconds] = container!.lifecycle?.preStop?.exec?.command ?? [];
      expect(sleep, deployment.metadata.name).toBe('sleep');
      // The pause before SIGTERM plus the service's own drain (SHUTDOWN_GRACE_MS, 10 s by default) fit in the grace period.
      expect(Number(seconds) + 10).toBeLessThan(spec.terminationGracePeriodSeconds);
    }
  });

  it('gives every deployment a service, an autoscaler and a disruption budget that select it', () => {
    for (const deployment of byKind('Deployment')) {
      const name = deployment.metadata.name;
      const labels = (deployment.spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels;
      const service = byKind('Service').find((candidate) => candidate.metadata.name === name)!;
      expect(service, `service ${name}`).toBeDefined();
      for (const [key, value] of Object.entries(service.spec.selector as Record<string, string>)) expect(labels[key]).toBe(value);
      const hpa = byKind('HorizontalPodAutoscaler').find((candidate) => candidate.metadata.name === name)!;
      expect((hpa.spec.scaleTargetRef as { name: string }).name).toBe(name);
      const pdb = byKind('PodDisruptionBudget').find((candidate) => candidate.metadata.name === name)!;
      for (const [key, value] of Object.entries((pdb.spec.selector as { matchLabels: Record<string, string> }).matchLabels))
        expect(labels[key]).toBe(value);
    }
  });

  it('points subgraph URLs at existing services and uses only documented variables and existing config', () => {
    const configMaps = new Set(byKind('ConfigMap').map((map) => map.metadata.name));
    const services = new Map(
      byKind('Service').map((service) => [service.metadata.name, (service.spec.ports as { port: number }[])[0]!.port]),
    );
    const variables = new Set<string>(Object.keys(byKind('ConfigMap')[0]!.data ?? {}));
    for (const workload of [...byKind('Deployment'), ...byKind('Job')]) {
      for (const container of podSpec(workload).containers) {
        for (const source of container.envFrom ?? []) expect(configMaps.has(source.configMapRef!.name)).toBe(true);
        for (const variable of container.env ?? []) {
          variables.add(variable.name);
          const url = variable.value?.match(/^http:\/\/([a-z]+):(\d+)\//);
          if (url) expect(services.get(url[1]!), variable.name).toBe(Number(url[2]));
          if (variable.valueFrom?.secretKeyRef) expect(variable.valueFrom.secretKeyRef.key).toBe(variable.name);
        }
      }
    }
    expect([...variables].filter((variable) => !documented(variable))).toEqual([]);
  });
});
