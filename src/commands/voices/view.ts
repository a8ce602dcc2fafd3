// How a voice is shown: table rows for `voices list`, every field for `voices get`.
import type { VoiceDetail, VoiceListItem } from '../../api/schemas.js';
import { renderFields, type Column } from '../../ui/table.js';

/** Some voices have no preview, or a bare s3:// path nobody can open (contract §3.1). */
export function previewUrl(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

export const VOICE_COLUMNS: Column<VoiceListItem>[] = [
  { header: 'id', value: (v) => v.voice_id },
  { header: 'name', value: (v) => v.name, shrink: true },
  { header: 'language', value: (v) => v.language },
  { header: 'gender', value: (v) => v.gender },
  { header: 'preview', value: (v) => previewUrl(v.preview_audio_url) ?? '-', shrink: true },
];

export function renderVoice(voice: VoiceDetail, label: (s: string) => string): string {
  const known: Array<[string, unknown]> = [
    ['id', voice.voice_id],
    ['name', voice.name],
    ['language', voice.language],
    ['gender', voice.gender],
    ['status', voice.status ?? null],
    ['failure', voice.failure_message ?? null],
    ['pauses (SSML)', voice.support_pause ? 'yes' : 'no'],
    ['interactive avatar', voice.support_interactive_avatar == null ? null : voice.support_interactive_avatar ? 'yes' : 'no'],
    ['created', voice.created_at ? new Date(voice.created_at * 1000).toISOString().replace('.000Z', 'Z') : null],
    ['preview', previewUrl(voice.preview_audio_url) ?? voice.preview_audio_url ?? null],
  ];
  const shown = new Set(['voice_id', 'name', 'language', 'gender', 'status', 'failure_message', 'support_pause',
    'support_interactive_avatar', 'created_at', 'preview_audio_url']);
  const extra = Object.entries(voice).filter(([k]) => !shown.has(k)).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v] as [string, unknown]);
  return renderFields([...known, ...extra], label);
}
