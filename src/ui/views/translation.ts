// How a translation is shown: rows for `translations list`, the one-line form for get.
import type { Translation } from '../../api/translation-schemas.js';
import { normalizeTranslationStatus } from '../../core/translate/status.js';
import type { Column } from '../table.js';
import { formatTime as time, orDash } from '../fields.js';

export const TRANSLATION_COLUMNS: Column<Translation>[] = [
  { header: 'id', value: (t) => t.id, id: true },
  { header: 'language', value: (t) => orDash(t.output_language), priority: 1 },
  { header: 'status', value: (t) => normalizeTranslationStatus(t.status), priority: 2 },
  { header: 'title', value: (t) => orDash(t.title), shrink: true, minWidth: 12, priority: 3 },
  { header: 'created', value: (t) => orDash(time(t.created_at)), priority: 4 },
];
