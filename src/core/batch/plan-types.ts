// The shapes of a batch plan: the planned rows, what planning takes and what it gives. Their own
// file, so the plan, the tasks, the budget and the review facts share them without importing each other.
import type { HeyGenClient } from '../../api/index.js';
import type { CreateVideoBody, Problem, VideoInput } from '../video/request.js';
import type { RowEstimate } from './estimate.js';
import type { Shard } from './keys.js';
import type { ManifestProblem } from './manifest.js';
import type { FileRename } from './out-names.js';
import type { RowTranslate } from './translate-column.js';

/** What the budget reckons a row's cost from: its estimated length, engine and resolution. */
export interface RowCost {
  estimate: RowEstimate;
  engine: string;
  resolution?: string;
}

export interface PlannedRow {
  line: number;
  /** Stable identity in the journal and the shard hash. */
  key: string;
  /** The row's id or name column, if any. */
  label?: string;
  /**
   * The video's file name in the output folder when the row has a name or id (else the video
   * id names it). Unique in the manifest, ignoring case as macOS and Windows do: see `renames`.
   */
  file?: string;
  /** What decides the render: the body after defaults and pre-flight (and local media), see lock.ts. */
  fingerprint: string;
  /** Idempotency-Key of the first attempt; it changes when the row's content does. */
  baseKey: string;
  /** The create body as JSON text ('' in a dry run, which never sends). */
  body: string;
  /** What the budget reckons the row costs (estimated length, engine, resolution): one shared object per distinct cost. */
  cost?: RowCost;
  /** The languages the row's video is translated into (translate_to), checked against the API's list. */
  translate?: RowTranslate;
}

export interface PlanInput {
  manifestPath: string;
  identity: string;
  defaults: Partial<VideoInput>;
  shard?: Shard;
  /** Keep each row's body (a dry run does not need them: 100,000 rows stay small). */
  keepBodies?: boolean;
  /**
   * Pre-flight of a body (its local rules, then looks and voices: see preflight.ts); the local
   * rules alone without it. Rows that differ only in free text (script, title, ...) share one
   * verdict. It runs for the rows of every shard, so each job of a CI matrix fails the same way.
   */
  preflight?: (body: CreateVideoBody) => Promise<Problem[]>;
  /** The looks of a scenes row are checked with it (scenes-row.ts); without it, the scene rules alone. */
  api?: Pick<HeyGenClient, 'getLook'>;
  /**
   * Is this row already rendered, with exactly this content (the lock file)? Such rows get the
   * local rules only: nothing will be created for them, so an up-to-date lock costs no look-ups.
   */
  locked?: (key: string, fingerprint: string) => boolean;
  /** Row keys worth remembering in `Plan.keys` (the lock's); all of them without it. */
  tracked?: (key: string) => boolean;
  /** Sees each planned row of the shard with its body (estimates and review facts; see row-facts.ts). */
  onRow?: (row: PlannedRow, body: CreateVideoBody) => void;
}

export interface Plan {
  rows: PlannedRow[];
  /** Rows of the manifest in total, in every shard. */
  total: number;
  problems: ManifestProblem[];
  /**
   * Every row key of the manifest, in every shard, that `tracked` accepts (what a lock entry is
   * stale without: a run with a lock keeps the lock's keys only, not 100,000 others).
   */
  keys: Set<string>;
  /** Rows whose file name was taken by an earlier row and got a number (every shard). */
  renames: FileRename[];
  /** Things worth a look that do not stop the run (a title used twice). */
  warnings: string[];
  /** The SHA-256 the plan read from a local media file (absolute path): its upload must send exactly these bytes. */
  mediaSha256?: (path: string) => string | undefined;
}
