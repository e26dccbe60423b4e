import { readFile, stat } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@fed/service-kit';

/**
 * Serves the supergraph from a file and reloads it when the file changes. A new file that does not
 * load is rejected by the gateway and the previous supergraph keeps serving.
 */
export function supergraphFromFile(path: string, pollMs: number, logger: Logger): SupergraphSdlHook {
  return async ({ update }) => {
    let lastModified = (await stat(path)).mtimeMs;
    const initial = await readFile(path, 'utf8');
    let polling = false;
    const timer = setInterval(async () => {
      if (polling) return;
      polling = true;
      try {
        const modified = (await stat(path)).mtimeMs;
        if (modified === lastModified) return;
        lastModified = modified;
        const next = await readFile(path, 'utf8');
        try {
          update(next);
          logger.info('supergraph reloaded', { path });
        } catch (error) {
          logger.error('new supergraph rejected; keeping the previous one', { path, error });
        }
      } catch (error) {
        logger.error('cannot read supergraph file', { path, error });
      } finally {
        polling = false;
      }
    }, pollMs);
    timer.unref();
    return { supergraphSdl: initial, cleanup: async () => clearInterval(timer) };
  };
}
