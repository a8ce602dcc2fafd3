// How a voice is shown: table rows for `voices list`, every field for `voices get`.
import type { VoiceDetail, VoiceListItem } from '../../api/schemas.js';
import type { Column } from '../table.js';
import { extraFields, formatTime, orDash } from '../fields.js';

/** Some voices have no preview, or a bare s3:// path nobody can open (contract §3.1). */
export function previewUrl(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

export const VOICE_COLUMNS: Column<VoiceListItem>[] = [
  // Narrow terminals drop from the highest priority number; ids and URLs are never shortened.
  { header: 'id', value: (v) => v.voice_id, id: true },
  { header: 'name', value: (v) => v.name, shrink: true, minWidth: 16, priority: 1 },
  { header: 'language', value: (v) => orDash(v.language), priority: 2 },
  { header: 'gender', value: (v) => orDash(v.gender), priority: 3 },
  { header: 'preview', value: (v) => orDash(previewUrl(v.preview_audio_url)), id: true, priority: 4 },
];

const SHOWN = new Set([
  'voice_id',
  'name',
  'language',
  'gender',
  'status',
  'failure_message',
  'support_pause',
  'support_interactive_avatar',
  'created_at',
  'preview_audio_url',
]);

const yesNo = (value: boolean | null | undefined) => (value == null ? null : value ? 'yes' : 'no');

export function voiceFields(voice: VoiceDetail): Array<[string, unknown]> {
  return [
    ['id', voice.voice_id],
    ['name', voice.name],
    ['language', voice.language],
    ['gender', voice.gender],
    // Only cloned voices have a status (and a failure); public ones leave these out.
    ['status', voice.status ?? undefined],
    ['failure', voice.failure_message ?? undefined],
    ['pauses (SSML)', yesNo(voice.support_pause)],
    ['interactive avatar', yesNo(voice.support_interactive_avatar)],
    ['created', formatTime(voice.created_at)],
    ['preview', previewUrl(voice.preview_audio_url) ?? voice.preview_audio_url ?? null],
    ...extraFields(voice, SHOWN),
  ];
}
