// Hear a script before paying for a render (contract §11.1): check the voice can speak here,
// synthesize, save the audio verified and atomically, and price a render of exactly that audio.
// No terminal I/O: `twin say`, the audition of `video create` and `batch run` share it.
import { closeSync, openSync, readSync } from 'node:fs';
import type { HeyGenClient } from '../api/index.js';
import type { WordTimestamp } from '../api/voice-schemas.js';
import { SPEECH_MAX_CHARS, SPEECH_SPEED, type SpeechBody } from '../api/voice-body.js';
import { downloadFile } from '../core/download/downloader.js';
import { mediaDurationSeconds } from '../core/media/duration.js';
import { speechAudioMaxBytes } from '../core/voice/audio-cap.js';
import { audioCost, type AudioCost } from '../core/voice/cost.js';
import { requireStarfishVoice } from '../core/voice/starfish.js';
import { ApiError, UsageError } from '../shared/errors.js';
import { MEDIA_TYPES, SNIFF_BYTES, sniffMediaType } from '../shared/media-type.js';
import { twinInvocation } from '../shared/twin-invocation.js';

interface SpeakRequest {
  text: string;
  voiceId: string;
  speed?: number;
  locale?: string;
  ssml?: boolean;
  /** Where the audio goes; its extension follows the audio when absent. */
  target: string;
  force?: boolean;
}

export interface SpeakDeps {
  api: Pick<HeyGenClient, 'listVoices' | 'synthesizeSpeech'>;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told when a lost answer made the request go a second time (it may bill twice, in cents). */
  onRetry?: (error: unknown) => void;
}

export interface SpokenAudio {
  path: string;
  bytes: number;
  sha256: string;
  /** Seconds, as the API answered. */
  duration: number;
  /** Seconds read from the saved file's header (null when the format does not say). */
  file_duration: number | null;
  words: number;
  word_timestamps: WordTimestamp[];
  voice_id: string;
  request_id: string | null;
  cost: AudioCost;
  /** The request went twice (a lost answer); both may be billed. */
  retried: boolean;
}

/** Local checks of a speech request, before any call (exit 2). */
function checkSpeakRequest(req: Pick<SpeakRequest, 'text' | 'speed' | 'voiceId'>): void {
  const chars = [...req.text].length;
  if (req.text.trim() === '') throw new UsageError('There is nothing to say: the text is empty.', { flag: 'text' });
  if (chars > SPEECH_MAX_CHARS) {
    throw new UsageError(`The text is ${chars} characters; speech takes at most ${SPEECH_MAX_CHARS} per request.`, {
      flag: 'text',
      suggestion: 'Split the script and hear it in parts.',
    });
  }
  if (req.speed !== undefined && !(req.speed >= SPEECH_SPEED.min && req.speed <= SPEECH_SPEED.max)) {
    throw new UsageError(`--speed ${req.speed} is out of range: speech takes ${SPEECH_SPEED.min} to ${SPEECH_SPEED.max}.`, {
      flag: 'speed',
    });
  }
  if (req.voiceId.trim() === '') throw new UsageError('A voice is needed: pass --voice ID or set a default voice.', { flag: 'voice' });
}

function speechBody(req: Pick<SpeakRequest, 'text' | 'voiceId' | 'speed' | 'locale' | 'ssml'>): SpeechBody {
  return {
    text: req.text,
    voice_id: req.voiceId,
    ...(req.ssml ? { input_type: 'ssml' as const } : {}),
    ...(req.speed !== undefined ? { speed: req.speed } : {}),
    ...(req.locale ? { locale: req.locale } : {}),
  };
}

/** A lost answer or a server failure: the speech may have been made (and billed) or not. */
function unanswered(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === undefined || error.status >= 500;
}

export async function speak(req: SpeakRequest, deps: SpeakDeps): Promise<SpokenAudio> {
  checkSpeakRequest(req);
  await requireStarfishVoice(deps.api, req.voiceId);
  const body = speechBody(req);
  let retried = false;
  let speech;
  try {
    speech = await deps.api.synthesizeSpeech(body);
  } catch (error) {
    // No Idempotency-Key here (§1.6): one more try, said out loud, since a repeat costs cents.
    if (!unanswered(error) || deps.signal?.aborted) throw error;
    deps.onRetry?.(error);
    retried = true;
    speech = await deps.api.synthesizeSpeech(body);
  }
  const saved = await downloadFile({
    url: speech.audio_url,
    target: req.target,
    force: req.force,
    maxBytes: speechAudioMaxBytes(speech.duration),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    resumeHint: `${twinInvocation()} say (the audio URL is short-lived: run it again)`,
  });
  checkAudio(saved.path);
  const words = speech.word_timestamps ?? [];
  return {
    path: saved.path,
    bytes: saved.bytes,
    sha256: saved.sha256,
    duration: speech.duration,
    file_duration: mediaDurationSeconds(saved.path),
    words: words.length || req.text.split(/\s+/).filter(Boolean).length,
    word_timestamps: words,
    voice_id: req.voiceId,
    request_id: speech.request_id ?? null,
    cost: audioCost(speech.duration),
    retried,
  };
}

/** The saved file is audio (not an error page saved under a .mp3 name). */
function checkAudio(path: string): void {
  const head = Buffer.alloc(SNIFF_BYTES);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, SNIFF_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const type = sniffMediaType(head.subarray(0, n));
  if (!type || MEDIA_TYPES[type].kind !== 'audio') {
    throw new ApiError(`The speech audio saved at ${path} is not an audio file.`, { endpoint: 'GET audio_url' });
  }
}

interface VoiceChoice {
  voice_id: string;
  /** Where it came from, for messages. */
  from: '--voice' | 'settings' | 'look';
}

/** --voice, else the default voice setting, else the look's default voice (the look from --look or settings). */
export async function chooseVoice(
  api: Pick<HeyGenClient, 'getLook'>,
  given: { voice?: string; settingsVoice?: string; look?: string },
): Promise<VoiceChoice> {
  if (given.voice) return { voice_id: given.voice, from: '--voice' };
  if (given.settingsVoice) return { voice_id: given.settingsVoice, from: 'settings' };
  if (given.look) {
    const look = await api.getLook(given.look);
    if (look.default_voice_id) return { voice_id: look.default_voice_id, from: 'look' };
  }
  throw new UsageError(`No voice to speak with: pass --voice ID, or set a default with \`${twinInvocation()} config set voice <id>\`.`, {
    flag: 'voice',
    suggestion: `Find one that can speak here: ${twinInvocation()} voices list --engine starfish`,
  });
}
