import { readFileSync } from 'node:fs';

/** The README's orders query (the one under "Start" that joins all five subgraphs), exactly as a reader would paste it. */
export function readmeOrdersQuery(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .find((text) => text.startsWith('{\n  orders('));
  if (!block) throw new Error('README.md has no ```graphql block starting with the orders query');
  return block;
}
