import type { SubgraphDataSource } from './data-source.ts';

export interface ReadinessReport {
  ready: boolean;
  supergraph: 'loaded' | 'missing';
  /** `ok` or why the subgraph cannot be used. */
  subgraphs: Record<string, string>;
  store: string;
}

/**
 * `/ready`: the supergraph is loaded and every subgraph it names answers a health-check query
 * within its timeout. Concurrent probes share one check, so probing cannot flood the subgraphs.
 * The shared store is reported but does not decide: without Redis the gateway still serves.
 */
export class Readiness {
  private subgraphNames: string[] | null = null;
  private pending: Promise<ReadinessReport> | null = null;

  constructor(
    private readonly sources: ReadonlyMap<string, SubgraphDataSource>,
    private readonly storeStatus: () => string,
  ) {}

  /** Called with every supergraph the gateway loads. */
  supergraphLoaded(supergraphSdl: string): void {
    this.subgraphNames = [...supergraphSdl.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"/g)].map((match) => match[1]!);
  }

  check(): Promise<ReadinessReport> {
    this.pending ??= this.run().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async run(): Promise<ReadinessReport> {
    const store = this.storeStatus();
    if (!this.subgraphNames) return { ready: false, supergraph: 'missing', subgraphs: {}, store };
    const results = await Promise.all(
      this.subgraphNames.map(async (name) => {
        const source = this.sources.get(name);
        if (!source) return [name, 'no data source'] as const;
        try {
          await source.healthCheck();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, (error as Error).message] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(results);
    return { ready: results.every(([, status]) => status === 'ok'), supergraph: 'loaded', subgraphs, store };
  }
}
