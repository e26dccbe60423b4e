import { describe, expect, it } from 'vitest';
import { deduplicateRepresentations, fanOutEntities } from './representations.ts';

describe('representation deduplication', () => {
  const user = (id: string) => ({ __typename: 'User', id });

  it('keeps the first occurrence of each representation and maps every position to it', () => {
    const deduplicated = deduplicateRepresentations({ first: 3, representations: [user('1'), user('2'), user('1'), user('1'), user('3')] });
    expect(deduplicated?.variables).toEqual({ first: 3, representations: [user('1'), user('2'), user('3')] });
    expect([...deduplicated!.distinctIndexOf]).toEqual([0, 1, 0, 0, 2]);
  });

  it('leaves fetches without representations or without repeats alone', () => {
    expect(deduplicateRepresentations(undefined)).toBeNull();
    expect(deduplicateRepresentations({ id: '1' })).toBeNull();
    expect(deduplicateRepresentations({ representations: [user('1'), user('2')] })).toBeNull();
  });

  it('answers every position with its own copy, and repeats errors for each position of their entity', () => {
    const deduplicated = deduplicateRepresentations({ representations: [user('1'), user('2'), user('1'), user('2')] })!;
    const answer = {
      data: { _entities: [{ __typename: 'User', name: 'Ada', reviews: [{ id: 'r1' }] }, null] },
      errors: [
        { message: 'no such user', path: ['_entities', 1, 'name'] },
        { message: 'unrelated', path: ['somewhere'] },
      ],
    };
    const fannedOut = fanOutEntities(answer, deduplicated);
    const entities = fannedOut.data._entities;
    expect(entities).toEqual([answer.data._entities[0], null, answer.data._entities[0], null]);
    // Positions never share objects: the executor merges into them in place.
    expect(entities[2]).not.toBe(entities[0]);
    expect((entities[2] as { reviews: unknown[] }).reviews).not.toBe((entities[0] as { reviews: unknown[] }).reviews);
    expect(fannedOut.errors).toEqual([
      { message: 'no such user', path: ['_entities', 1, 'name'] },
      { message: 'no such user', path: ['_entities', 3, 'name'] },
      { message: 'unrelated', path: ['somewhere'] },
    ]);
  });

  it('passes an answer of the wrong length on unchanged, for the executor to reject', () => {
    const deduplicated = deduplicateRepresentations({ representations: [user('1'), user('1')] })!;
    const answer = { data: { _entities: [user('1'), user('1')] } };
    expect(fanOutEntities(answer, deduplicated)).toBe(answer);
  });

  it('copies a __proto__ key as data', () => {
    const deduplicated = deduplicateRepresentations({ representations: [user('1'), user('1')] })!;
    const answer = JSON.parse('{"data":{"_entities":[{"__proto__":{"polluted":true},"id":"1"}]}}') as { data: { _entities: object[] } };
    const copy = fanOutEntities(answer, deduplicated).data._entities[1] as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'id']);
  });
});
