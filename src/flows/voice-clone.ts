// The twin's own voice (contract §11.3): check the recording, upload it once, make the clone, and
// wait for `complete`. A clone has no Idempotency-Key, so it is never sent twice blindly: the same
// file (by SHA-256, remembered per API host) or a voice of the same name finds the earlier voice.
import type { HeyGenClient, Video, VoiceDetail, VoiceListItem } from '../api/index.js';
import type { AssetInput } from '../api/media-client.js';
import type { CallOptions } from '../api/client-parts.js';
import type { CloneBody } from '../api/voice-body.js';
import { parseMediaSource } from '../core/media/local-media.js';
import { sha256File } from '../core/media/media-file.js';
import { pollVideo, type PollTiming } from '../core/poll/poller.js';
import type { CloneCache } from '../core/voice/clone-cache.js';
import { checkCloneName, checkCloneRecording, type CheckedRecording } from '../core/voice/clone-checks.js';
import { asVideoStatus, clonePhase } from '../core/voice/clone-status.js';
import { ApiError, InterruptedError, RenderFailedError, UsageError, WaitTimeoutError } from '../shared/errors.js';
import { twinInvocation } from '../shared/twin-invocation.js';

interface CloneRequest {
  /** A local path, an https URL, or asset:ID. */
  source: string;
  name: string;
  language?: string;
  keepNoise?: boolean;
  cwd: string;
}

interface CloneDeps {
  api: Pick<HeyGenClient, 'cloneVoice' | 'getVoice' | 'listVoices'>;
  cache?: CloneCache;
  /** Uploads a checked local recording (once: the upload cache) and gives its asset id. */
  upload: (file: CheckedRecording, sha256: string) => Promise<{ asset_id: string }>;
}

export interface CloneOutcome {
  voice_clone_id: string;
  /** Known once complete (it may differ from the clone id, §11.3). */
  voice_id: string | null;
  voice_name: string;
  /** `new`: created now; `same_file` / `same_name` / `lost_answer`: an earlier clone, found instead of making a second. */
  origin: 'new' | 'same_file' | 'same_name' | 'lost_answer';
  body: CloneBody | null;
}

const listPrivate = () => `${twinInvocation()} voices list --type private`;

export async function cloneVoice(req: CloneRequest, deps: CloneDeps): Promise<CloneOutcome> {
  const name = checkCloneName(req.name);
  const source = parseMediaSource(req.source, true);
  if (!source) {
    throw new UsageError(`voices clone: ${req.source} is not a file, an https URL or asset:ID.`, { flag: 'file' });
  }
  let audio: AssetInput;
  let sha256: string | undefined;
  let recording: CheckedRecording | undefined;
  if (source.kind === 'file') {
    recording = await checkCloneRecording(source.path, req.cwd);
    sha256 = await sha256File(recording.path);
    const earlier = await fromCache(deps, sha256);
    if (earlier) return earlier;
  }
  const sameName = await privateVoiceNamed(deps.api, name);
  if (sameName)
    return { voice_clone_id: sameName.voice_id, voice_id: sameName.voice_id, voice_name: name, origin: 'same_name', body: null };

  if (recording && sha256) audio = { type: 'asset_id', asset_id: (await deps.upload(recording, sha256)).asset_id };
  else if (source.kind === 'asset') audio = { type: 'asset_id', asset_id: source.id };
  else if (source.kind === 'url') audio = { type: 'url', url: source.url };
  else throw new UsageError('voices clone: no recording given.', { flag: 'file' });

  const body: CloneBody = {
    audio,
    voice_name: name,
    ...(req.language ? { language: req.language } : {}),
    ...(req.keepNoise ? { remove_background_noise: false } : {}),
  };
  let id: string;
  try {
    id = (await deps.api.cloneVoice(body)).voice_clone_id;
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== undefined && error.status < 500)) throw error;
    // The answer was lost: the clone may exist. Look for it by name rather than make a second.
    const found = await privateVoiceNamed(deps.api, name).catch(() => undefined);
    if (!found) {
      throw new ApiError(`${error.message} The clone may or may not have been created.`, {
        ...(error.status !== undefined ? { status: error.status } : {}),
        endpoint: 'POST /v3/voices/clone',
        suggestion: `Check ${listPrivate()} for "${name}" before running it again: a repeat makes a second voice.`,
      });
    }
    id = found.voice_id;
    remember(deps, sha256, { id, name });
    return { voice_clone_id: id, voice_id: found.voice_id, voice_name: name, origin: 'lost_answer', body };
  }
  remember(deps, sha256, { id, name });
  return { voice_clone_id: id, voice_id: null, voice_name: name, origin: 'new', body };
}

function remember(deps: CloneDeps, sha256: string | undefined, c: { id: string; name: string }): void {
  if (!sha256 || !deps.cache) return;
  deps.cache.set(sha256, { voice_clone_id: c.id, voice_id: null, voice_name: c.name, requested_at: new Date().toISOString() });
}

/** The voice an earlier clone of this very file made, if the API still has it. */
async function fromCache(deps: CloneDeps, sha256: string): Promise<CloneOutcome | undefined> {
  const entry = deps.cache?.get(sha256);
  if (!entry) return undefined;
  try {
    const voice = await deps.api.getVoice(entry.voice_id ?? entry.voice_clone_id);
    return {
      voice_clone_id: entry.voice_clone_id,
      voice_id: voice.voice_id,
      voice_name: voice.name ?? entry.voice_name,
      origin: 'same_file',
      body: null,
    };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      deps.cache?.delete(sha256);
      return undefined;
    }
    throw error;
  }
}

/** A private voice (clone) of exactly this name, across its pages (bounded). */
async function privateVoiceNamed(api: Pick<HeyGenClient, 'listVoices'>, name: string): Promise<VoiceListItem | undefined> {
  let token: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = await api.listVoices({ type: 'private', limit: 100, ...(token ? { token } : {}) });
    const hit = page.data.find((v) => v.name === name);
    if (hit) return hit;
    token = page.has_more ? page.next_token : null;
    if (!token) break;
  }
  return undefined;
}

/**
 * Waits for `complete` with the video poller's schedule, deadline and exit codes (4 timed out,
 * 5 failed, 130 interrupted), each message and resume line about the voice.
 */
export async function waitForClone(
  api: Pick<HeyGenClient, 'getVoice'>,
  id: string,
  timing: PollTiming,
  onUpdate?: (phase: string, elapsedMs: number) => void,
): Promise<VoiceDetail> {
  let detail: VoiceDetail | undefined;
  const asVideo = {
    // The poller reads only id and status; the rest of a Video is not needed here.
    // The poller's call budget bounds each read, so a status read that hangs cannot outlive --timeout.
    getVideo: async (_id: string, call?: CallOptions) => {
      detail = await api.getVoice(id, call);
      return { id, status: asVideoStatus(clonePhase(detail)) } as unknown as Video;
    },
    getVideoStatuses: () => Promise.reject(new Error('not used')),
  };
  const resume = `${twinInvocation()} voices wait ${id}`;
  try {
    await pollVideo(asVideo, id, { ...timing, resumeArgs: [] }, (v, ms) => onUpdate?.(v.status, ms));
  } catch (error) {
    if (error instanceof WaitTimeoutError) {
      throw new WaitTimeoutError(`Timed out waiting for voice clone ${id} (still processing); cloning goes on at HeyGen.`, {
        suggestion: `Resume with: ${resume}`,
        details: { voice_id: id, resume },
      });
    }
    if (error instanceof InterruptedError) {
      throw new InterruptedError(`Stopped waiting for voice clone ${id}; cloning goes on at HeyGen.`, {
        suggestion: `Resume with: ${resume}`,
        details: { voice_id: id, resume },
      });
    }
    throw error;
  }
  const done = detail!;
  if (clonePhase(done) === 'failed') {
    throw new RenderFailedError(`Voice clone ${id} failed: ${done.failure_message ?? 'no reason given'}.`, {
      details: { voice_id: id, failure_message: done.failure_message ?? null },
      suggestion: 'Try a cleaner recording (one speaker, little background noise, a minute or more).',
    });
  }
  return done;
}
