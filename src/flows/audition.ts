// The audition before a render (issue 26): synthesize the script in the voice the render would
// use, save the audio next to the outputs, and give its path, exact length and what a render of
// it costs. Phase B wires it into `video create --audition` and `batch run --audition`; the render
// then uploads exactly this file (audio_asset_id), so the video says what was heard.
import { join } from 'node:path';
import type { HeyGenClient } from '../api/index.js';
import type { AudioCost } from '../core/voice/cost.js';
import { chooseVoice, speak, type SpeakDeps } from './speech.js';

interface AuditionRequest {
  script: string;
  voice?: string;
  settingsVoice?: string;
  look?: string;
  speed?: number;
  locale?: string;
  /** Folder for the audio; the name is `<stem>.mp3`. */
  outDir: string;
  stem: string;
}

export interface Audition {
  path: string;
  voice_id: string;
  /** Seconds: what the render will last, not an estimate from the script's length. */
  duration: number;
  sha256: string;
  cost: AudioCost;
  retried: boolean;
}

export async function audition(
  req: AuditionRequest,
  deps: Omit<SpeakDeps, 'api'> & { api: Pick<HeyGenClient, 'getLook' | 'listVoices' | 'synthesizeSpeech'> },
): Promise<Audition> {
  const voice = await chooseVoice(deps.api, req);
  const spoken = await speak(
    {
      text: req.script,
      voiceId: voice.voice_id,
      ...(req.speed !== undefined ? { speed: req.speed } : {}),
      ...(req.locale ? { locale: req.locale } : {}),
      target: join(req.outDir, `${req.stem}.mp3`),
      force: true,
    },
    deps,
  );
  return {
    path: spoken.path,
    voice_id: spoken.voice_id,
    duration: spoken.duration,
    sha256: spoken.sha256,
    cost: spoken.cost,
    retried: spoken.retried,
  };
}
