import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { acceptsMultipart, incrementalItems, PLACEHOLDER, splitDeferred, withoutPlaceholders } from './defer.ts';

const normal = (query: string) => print(parse(query));

describe('splitting a deferred operation', () => {
  it('removes deferred inline fragments and spreads from the initial document and @defer from the complete one', () => {
    const split = splitDeferred(`
      query Q($id: ID!) {
        order(id: $id) {
          id
          ... @defer(label: "slow") { export { status } }
          items { quantity ...Product @defer }
        }
      }
      fragment Product on OrderItem { product { sku } }
    `)!;
    expect(split.initial).toBe(normal('query Q($id: ID!) { order(id: $id) { id items { quantity } } }'));
    expect(split.complete).toBe(
      normal(`query Q($id: ID!) { order(id: $id) { id ... { export { status } } items { quantity ...Product } } }
              fragment Product on OrderItem { product { sku } }`),
    );
    expect(split.deferred).toEqual([
      { label: 'slow', path: ['order'], keys: ['export'] },
      { label: undefined, path: ['order', 'items'], keys: ['product'] },
    ]);
  });

  it('keeps an emptied selection set valid with a placeholder that the initial part drops', () => {
    const split = splitDeferred('{ me { ... @defer { email } } }')!;
    expect(split.initial).toBe(normal(`{ me { ${PLACEHOLDER}: __typename } }`));
    expect(withoutPlaceholders({ me: { [PLACEHOLDER]: 'User' } })).toEqual({ me: {} });
  });

  it('honours @defer(if: false) and documents without @defer', () => {
    expect(splitDeferred('{ me { ... @defer(if: false) { email } } }')).toBeNull();
    expect(splitDeferred('{ me { email } }')).toBeNull();
  });
});

describe('cutting the deferred parts from the complete answer', () => {
  it('gives one item per object under a list, with the errors under its keys', () => {
    const items = incrementalItems(
      [{ label: 'p', path: ['order', 'items'], keys: ['product'] }],
      {
        order: {
          id: '1',
          items: [
            { quantity: 1, product: { sku: 'A' } },
            { quantity: 2, product: null },
          ],
        },
      },
      [{ path: ['order', 'items', 1, 'product'] }, { path: ['order', 'id'] }],
    );
    expect(items).toEqual([
      { data: { product: { sku: 'A' } }, path: ['order', 'items', 0], label: 'p' },
      { data: { product: null }, path: ['order', 'items', 1], label: 'p', errors: [{ path: ['order', 'items', 1, 'product'] }] },
    ]);
  });

  it('has no item where the parent is null', () => {
    expect(incrementalItems([{ label: undefined, path: ['order'], keys: ['export'] }], { order: null }, undefined)).toEqual([]);
  });
});

it('recognises multipart Accept headers', () => {
  expect(acceptsMultipart('multipart/mixed;deferSpec=20220824, application/json')).toBe(true);
  expect(acceptsMultipart('application/json')).toBe(false);
  expect(acceptsMultipart(undefined)).toBe(false);
});
