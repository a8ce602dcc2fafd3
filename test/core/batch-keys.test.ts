// A batch's identities, against values computed here with node:crypto: if any changed between
// versions, a re-run would no longer find its journal or would render a row twice (issue 27: the
// mutants of core/batch/keys.ts that no test saw).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  attemptKey,
  batchIdentity,
  canonicalJson,
  contentHash,
  idempotencyKey,
  inShard,
  parseShard,
  rowKeyFor,
  shardLabel,
} from '../../src/core/batch/keys.js';
import { UsageError } from '../../src/shared/errors.js';

const sha = (text: string) => createHash('sha256').update(text).digest();

describe('canonicalJson and contentHash', () => {
  it('sorts keys at every level in code-unit order, drops undefined, keeps holes, nulls and arrays in order', () => {
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    const value = { b: [3, , { z: 1, a: undefined, y: null }], a: 'x', B: true, é: 1, c: undefined, d: {} };
    expect(canonicalJson(value)).toBe('{"B":true,"a":"x","b":[3,,{"y":null,"z":1}],"d":{},"é":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({ k3: 1, k1: 1, k2: 1, k0: 1 })).toBe('{"k0":1,"k1":1,"k2":1,"k3":1}');
    expect(contentHash({ b: 1, a: 2 })).toBe(sha('{"a":2,"b":1}').toString('hex'));
  });
});

describe('row identities', () => {
  it('a batch is its --batch-id, else its manifest’s absolute path', () => {
    expect(batchIdentity('videos.csv', '/work/x', 'nightly')).toBe('id:nightly');
    expect(batchIdentity('../videos.csv', '/work/x')).toBe('path:/work/videos.csv');
    expect(batchIdentity('videos.csv', '/work/x', '')).toBe('path:/work/x/videos.csv');
  });

  it('a row is its label, else its content numbered among identical rows', () => {
    const hash = 'ab'.repeat(32);
    expect(rowKeyFor('welcome', hash, 3)).toBe('welcome');
    expect(rowKeyFor('', hash, 1)).toBe('');
    expect(rowKeyFor(undefined, hash, 1)).toBe(`~${'ab'.repeat(8)}`);
    expect(rowKeyFor(undefined, hash, 2)).toBe(`~${'ab'.repeat(8)}.2`);
  });

  it('the Idempotency-Key is 24 bytes of SHA-256 over batch, row and content, as base64url', () => {
    const key = idempotencyKey('path:/w/v.csv', 'row-1', 'h1');
    expect(key).toBe(sha('path:/w/v.csv\nrow-1\nh1').subarray(0, 24).toString('base64url'));
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(attemptKey(key, 0)).toBe(key);
    expect(attemptKey(key, 2)).toBe(`${key}-r2`);
  });
});

describe('shards', () => {
  it('parses i/n with spaces, and refuses what is not 1 ≤ i ≤ n', () => {
    expect(parseShard(' 2 / 3 ')).toEqual({ index: 2, count: 3 });
    expect(parseShard('3/3')).toEqual({ index: 3, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard('12/15')).toEqual({ index: 12, count: 15 });
    for (const bad of ['0/3', '4/3', '1/0', '0/0', 'a/b', '2/3x', '-1/3', '1.5/3']) {
      let error: unknown;
      try {
        parseShard(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error, bad).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(`--shard: "${bad}" is not a shard; use i/n with 1 ≤ i ≤ n, e.g. 2/3.`);
      expect((error as UsageError).details).toEqual({ flag: '--shard' });
      expect((error as UsageError).suggestion).toBe('In a GitHub Actions matrix: --shard ${{ matrix.shard }}/${{ strategy.job-total }}');
    }
  });

  it('puts each row in exactly one shard, by its key alone', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `row-${i}`);
    const bucket = (key: string, n: number) => Number.parseInt(sha(key).toString('hex').slice(0, 12), 16) % n;
    for (const key of keys) {
      const homes = [1, 2, 3].filter((index) => inShard(key, { index, count: 3 }));
      expect(homes, key).toEqual([bucket(key, 3) + 1]);
    }
    expect(keys.every((key) => inShard(key, undefined) && inShard(key, { index: 1, count: 1 }))).toBe(true);
    expect(shardLabel({ index: 2, count: 3 })).toBe('2/3');
    expect(shardLabel({ index: 1, count: 1 })).toBeUndefined();
    expect(shardLabel(undefined)).toBeUndefined();
  });
});
