/**
 * `node --import tsx scripts/visibility-table.ts`: prints the README's "Who may read what" table from
 * the kit's VISIBILITY (paste it into the README; tests/visibility-table.test.ts checks they agree).
 */
import { renderVisibilityTable } from '../packages/service-kit/src/visibility.ts';

console.log(renderVisibilityTable());
