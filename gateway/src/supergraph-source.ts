import { readFile, stat } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@fed/service-kit/edge';
import { withGatewayEnforcedSecurity } from './auth-directives.ts';

/**
 * Serves the supergraph from a file and reloads it when the file changes. A new file that does not
 * load is rejected by the gateway and the previous supergraph keeps serving; `onUpdate` hears of
 * both outcomes (metrics).
 */
export function supergraphFromFile(
  path: string,
  pollMs: number,
  logger: Logger,
  onUpdate: (result: 'loaded' | 'rejected') => void = () => {},
): SupergraphSdlHook {
  return async ({ update }) => {
    let lastModified = (await stat(path)).mtimeMs;
    let current = withGatewayEnforcedSecurity(await readFile(path, 'utf8'));
    let polling = false;
    const timer = setInterval(async () => {
      if (polling) return;
      polling = true;
      try {
        const modified = (await stat(path)).mtimeMs;
        if (modified === lastModified) return;
        lastModified = modified;
        const next = withGatewayEnforcedSecurity(await readFile(path, 'utf8'));
        if (next === current) return;
        try {
          update(next);
          current = next;
          onUpdate('loaded');
          logger.info('supergraph reloaded', { path });
        } catch (error) {
          onUpdate('rejected');
          logger.error('new supergraph rejected; keeping the previous one', { path, error });
        }
      } catch (error) {
        logger.error('cannot read supergraph file', { path, error });
      } finally {
        polling = false;
      }
    }, pollMs);
    timer.unref();
    return { supergraphSdl: current, cleanup: async () => clearInterval(timer) };
  };
}
