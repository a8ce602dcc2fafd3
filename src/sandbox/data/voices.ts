// Seed voices: generated from a table so there are enough (70 public) to page through with the
// default limit, in several languages and both genders, plus the caller's private clones.

export type VoiceEngine = 'starfish' | 'elevenlabs' | 'fish';

export interface SeedVoice {
  seq: number;
  id: string;
  name: string;
  language: string;
  locale: string;
  gender: 'male' | 'female';
  type: 'public' | 'private';
  engines: VoiceEngine[];
  supportPause: boolean;
  supportLocale: boolean;
  hasPreview: boolean;
  /** Clone workflow status (contract §3.2 uses `complete`, not `completed`). */
  status: 'processing' | 'complete' | 'failed' | null;
  createdAt: number;
}

const LANGUAGES: Array<{ language: string; locale: string; code: string; female: string[]; male: string[] }> = [
  {
    language: 'English',
    locale: 'en-US',
    code: 'en',
    female: ['Ava', 'Emma', 'Olivia', 'Sophia', 'Grace', 'Chloe', 'Hannah', 'Zoe'],
    male: ['Liam', 'Noah', 'James', 'Oliver', 'Lucas', 'Henry', 'Owen', 'Caleb'],
  },
  { language: 'Spanish', locale: 'es-ES', code: 'es', female: ['Lucía', 'Sofía', 'Elena'], male: ['Mateo', 'Diego', 'Javier'] },
  { language: 'French', locale: 'fr-FR', code: 'fr', female: ['Camille', 'Léa', 'Chloé'], male: ['Hugo', 'Louis', 'Théo'] },
  { language: 'German', locale: 'de-DE', code: 'de', female: ['Mia', 'Lena', 'Anna'], male: ['Lukas', 'Felix', 'Jonas'] },
  { language: 'Japanese', locale: 'ja-JP', code: 'ja', female: ['Yui', 'Sakura', 'Hina'], male: ['Haruto', 'Ren', 'Sota'] },
  { language: 'Portuguese', locale: 'pt-BR', code: 'pt', female: ['Ana', 'Beatriz', 'Júlia'], male: ['Gabriel', 'Rafael', 'Pedro'] },
  { language: 'Italian', locale: 'it-IT', code: 'it', female: ['Giulia', 'Chiara', 'Sara'], male: ['Marco', 'Luca', 'Matteo'] },
  { language: 'Hindi', locale: 'hi-IN', code: 'hi', female: ['Ananya', 'Priya', 'Isha'], male: ['Arjun', 'Rohan', 'Vihaan'] },
  { language: 'Korean', locale: 'ko-KR', code: 'ko', female: ['Ji-woo', 'Seo-yeon', 'Min-ji'], male: ['Min-jun', 'Seo-jun', 'Do-yun'] },
  { language: 'Chinese', locale: 'zh-CN', code: 'zh', female: ['Xiaoxiao', 'Yating', 'Meilin'], male: ['Yunxi', 'Haoran', 'Zihan'] },
];

const ENGINE_SETS: VoiceEngine[][] = [['starfish', 'elevenlabs'], ['elevenlabs'], ['starfish'], ['fish', 'starfish']];
const BASE_CREATED = 1_767_225_600;

function build(): SeedVoice[] {
  const out: SeedVoice[] = [];
  for (const lang of LANGUAGES) {
    for (const gender of ['female', 'male'] as const) {
      const names = gender === 'female' ? lang.female : lang.male;
      names.forEach((name, i) => {
        const seq = out.length;
        out.push({
          seq,
          id: `v_${lang.code}_${gender[0]}_${String(i + 1).padStart(2, '0')}`,
          name,
          language: lang.language,
          locale: lang.locale,
          gender,
          type: 'public',
          engines: ENGINE_SETS[seq % ENGINE_SETS.length] ?? ['starfish'],
          supportPause: seq % 5 !== 4,
          supportLocale: ['English', 'Spanish', 'Portuguese'].includes(lang.language),
          hasPreview: seq % 7 !== 6,
          status: null,
          createdAt: BASE_CREATED,
        });
      });
    }
  }
  const clones: Array<Pick<SeedVoice, 'id' | 'name' | 'gender' | 'status'>> = [
    { id: 'v_clone_alex', name: 'Alex (my voice)', gender: 'male', status: 'complete' },
    { id: 'v_clone_maya', name: 'Maya (my voice)', gender: 'female', status: 'complete' },
    { id: 'v_clone_jordan', name: 'Jordan (cloning)', gender: 'female', status: 'processing' },
  ];
  for (const c of clones) {
    out.push({
      ...c,
      seq: out.length,
      language: 'English',
      locale: 'en-US',
      type: 'private',
      engines: ['elevenlabs', 'starfish'],
      supportPause: true,
      supportLocale: false,
      hasPreview: c.status === 'complete',
      createdAt: BASE_CREATED + 30 * 86_400,
    });
  }
  return out;
}

export const VOICES: readonly SeedVoice[] = build();

/** `voices`: a sandbox's own list (the seeds plus its clones, `State.voices`); the seeds by default. */
export function findVoice(id: string, voices: readonly SeedVoice[] = VOICES): SeedVoice | undefined {
  return voices.find((v) => v.id === id);
}

function previewUrl(voice: SeedVoice, baseUrl: string): string | null {
  return voice.hasPreview ? `${baseUrl}/static/voices/${voice.id}.mp3` : null;
}

/** List item shape (contract §3.1): no engine field. */
export function voiceListView(voice: SeedVoice, baseUrl: string): Record<string, unknown> {
  return {
    voice_id: voice.id,
    name: voice.name,
    language: voice.language,
    gender: voice.gender,
    type: voice.type,
    support_pause: voice.supportPause,
    support_locale: voice.supportLocale,
    preview_audio_url: previewUrl(voice, baseUrl),
  };
}

/** Detail shape (contract §3.2) differs from the list item. */
export function voiceDetailView(voice: SeedVoice, baseUrl: string): Record<string, unknown> {
  return {
    voice_id: voice.id,
    name: voice.name,
    language: voice.language,
    gender: voice.gender,
    support_pause: voice.supportPause,
    support_interactive_avatar: false,
    preview_audio_url: previewUrl(voice, baseUrl),
    created_at: voice.createdAt,
    ...(voice.type === 'private' ? { status: voice.status, failure_message: null } : {}),
  };
}
