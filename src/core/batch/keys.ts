// Identities that must not change between runs: a row's key (which journal entry is its),
// its content hash (has it changed?), the Idempotency-Key of its create (the API replays a
// repeated key for 24 h, so a re-run after a crash cannot render twice) and its shard.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * JSON with object keys sorted at every level, so equal bodies hash equally. Built as one
 * string, without the arrays of entries a 100,000-row plan would make three times a row.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      if (i in value) text += canonicalJson(value[i]); // a hole stays empty, as join() leaves it
    }
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let text = '{';
    for (const key of sortInPlace(Object.keys(record))) {
      const item = record[key];
      if (item === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${canonicalJson(item)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Code-unit order, as sort() gives, without the copy sort() makes: a body has a dozen keys. */
function sortInPlace(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: keys[-1] is undefined (never greater), and an object's keys are never equal
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

export function contentHash(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

/**
 * What makes two runs "the same batch": --batch-id when given (CI runners that check out to
 * another path), else the manifest's absolute path.
 */
export function batchIdentity(manifestPath: string, cwd: string, batchId?: string): string {
  return batchId ? `id:${batchId}` : `path:${resolve(cwd, manifestPath)}`;
}

/**
 * The row's own id/name when it has one; otherwise its content, numbered among identical
 * rows, so the key survives reordering and edits elsewhere in the manifest.
 */
export function rowKeyFor(label: string | undefined, hash: string, occurrence: number): string {
  if (label !== undefined) return label;
  return `~${hash.slice(0, 16)}${occurrence > 1 ? `.${occurrence}` : ''}`;
}

/**
 * The Idempotency-Key of a row's first create: deterministic, 1-255 chars of [A-Za-z0-9_:.-].
 * It changes with the batch, the row's key and its content, so it also tells whether a
 * journaled row is still the same video.
 */
export function idempotencyKey(identity: string, rowKey: string, hash: string): string {
  // 192 bits as base64url (its alphabet is within the key's): one flat 32-character string,
  // the smallest form of a key 100,000 rows keep in memory.
  return createHash('sha256').update(`${identity}\n${rowKey}\n${hash}`).digest().toString('base64url', 0, 24);
}

/** A new attempt (--retry-failed) is a new key: the API would replay the failed render otherwise. */
export function attemptKey(baseKey: string, attempt: number): string {
  return attempt === 0 ? baseKey : `${baseKey}-r${attempt}`;
}

export interface Shard {
  /** 1-based, as typed. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  // Stryker disable next-line ConditionalExpression: count < 1 is implied by 1 <= index <= count; kept for the reader
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: "${text}" is not a shard; use i/n with 1 ≤ i ≤ n, e.g. 2/3.`, {
      flag: '--shard',
      suggestion: 'In a GitHub Actions matrix: --shard ${{ matrix.shard }}/${{ strategy.job-total }}',
    });
  }
  return { index, count };
}

/** A stable share: depends only on the row key, never on the row's position. */
export function inShard(rowKey: string, shard: Shard | undefined): boolean {
  // Stryker disable next-line ConditionalExpression: with one shard every bucket is 0, so the hash gives the same answer
  if (!shard || shard.count === 1) return true;
  const bucket = Number.parseInt(sha256Hex(rowKey).slice(0, 12), 16) % shard.count;
  return bucket === shard.index - 1;
}

export function shardLabel(shard: Shard | undefined): string | undefined {
  return shard && shard.count > 1 ? `${shard.index}/${shard.count}` : undefined;
}
