// The batch review page: one self-contained HTML file (inline style and script, no fonts, no
// requests of its own) that opens from file:// and from a CI artifact. Cards are rendered here,
// not by the script, and every value from a row or the API is escaped, so a hostile title or
// script shows as text. Links and images accept http(s) URLs only.
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../../shared/safe-fs.js';
import { REVIEW_CSS, REVIEW_JS } from './review-assets.js';
import { buildReview, type CardStatus, type ReviewCard, type ReviewModel } from './review-data.js';

export const REVIEW_FILE = 'review.html';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An http(s) URL as written, or undefined (javascript:, data: and the like never reach a link). */
export function safeHttpUrl(value: string | undefined): string | undefined {
  // Stryker disable next-line ConditionalExpression: equivalent: new URL throws on an empty value too, caught below
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** Each language's file (translate_to), beside the original's. */
function translationLinks(card: ReviewCard): string | undefined {
  if (!card.translations?.length) return undefined;
  return card.translations
    .map(
      (t) => `${escapeHtml(t.language)}: <a href="${escapeHtml(fileHref(t.file))}">${escapeHtml(basename(t.file))}</a> · ${size(t.bytes)}`,
    )
    .join('<br>');
}

/** Lone surrogates (which encodeURIComponent throws on) as U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A relative file path as a URL: each segment percent-encoded ('#', '?' and spaces are safe; '.' and '..' stay as they are). */
function fileHref(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(wellFormed(s)))
    .join('/');
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const STATUS_WORDS: Record<CardStatus, string> = { done: 'Done', failed: 'Failed', pending: 'Pending' };

export function renderReviewPage(model: ReviewModel): string {
  const name = model.manifest ? basename(model.manifest) : 'batch';
  const t = model.totals;
  const csp = [
    "default-src 'none'",
    `style-src ${hash(REVIEW_CSS)}`,
    `script-src ${hash(REVIEW_JS)}`,
    "img-src 'self' file: data: http: https:",
    "media-src 'self' file: blob:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const radio = (value: string, label: string, count: number, checked = false) =>
    `<label><input type="radio" name="status" value="${value}"${checked ? ' checked' : ''}> ${label} (${count})</label>`;
  const stat = (label: string, value: string) => `<div><dt>${label}</dt><dd>${escapeHtml(value)}</dd></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>Review: ${escapeHtml(name)}</title>
<style>${REVIEW_CSS}</style>
</head>
<body>
<header>
<h1>Review of <code>${escapeHtml(name)}</code></h1>
<p class="meta">${t.rows} row${t.rows === 1 ? '' : 's'}${model.manifest ? ` from <code>${escapeHtml(model.manifest)}</code>` : ''} · built ${escapeHtml(model.generated_at)} from the journal${model.last_run_at ? ` · last run ${escapeHtml(model.last_run_at)}` : ''}</p>
<dl class="summary">
${stat('Done', String(t.done))}
${stat('Failed', String(t.failed))}
${stat('Pending', String(t.pending))}
${stat('Minutes of video', minutes(model.video_seconds))}
${stat('Still to render (estimate)', `${minutes(model.pending_seconds)} min`)}
${stat('Renders this run', model.renders_last_run === null ? '–' : String(model.renders_last_run))}
</dl>
<div class="filters">
<fieldset><legend>Show</legend>
${radio('all', 'All', t.rows, true)}
${radio('done', 'Done', t.done)}
${radio('failed', 'Failed', t.failed)}
${radio('pending', 'Pending', t.pending)}
</fieldset>
<div class="search"><label for="search">Search titles, rows, scripts and video ids</label><input type="search" id="search" autocomplete="off"></div>
</div>
<p id="shown" role="status" aria-live="polite">${t.rows} of ${t.rows} rows shown</p>
<noscript><p>Filters need JavaScript; every row is shown.</p></noscript>
</header>
<main>
<p id="none" hidden>No row matches.</p>
<ul class="cards" aria-label="Rows">
${model.cards.map(renderCard).join('\n')}
</ul>
</main>
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}

function renderCard(card: ReviewCard, index: number): string {
  const f = card.facts;
  const title = f?.title ?? card.label ?? card.key;
  const id = `card-${index + 1}`;
  const facts: Array<[string, string | undefined]> = [
    ['Row', `<code>${escapeHtml(card.key)}</code>${card.line !== undefined ? ` · manifest line ${card.line}` : ''}`],
    ['Look', f ? `<code>${escapeHtml(f.look)}</code>` : undefined],
    ['Voice', f ? (f.voice ? `<code>${escapeHtml(f.voice)}</code>` : "the look's default") : undefined],
    ['Engine', f ? escapeHtml(f.engine) + (f.resolution ? ` · ${escapeHtml(f.resolution)}` : '') : undefined],
    ['Duration', duration(card)],
    ['Video', card.video_id ? videoLink(card.video_id, f?.video_page_url) : undefined],
    [
      'File',
      card.file
        ? `<a href="${escapeHtml(fileHref(card.file))}">${escapeHtml(basename(card.file))}</a>${card.bytes !== undefined ? ` · ${size(card.bytes)}` : ''}`
        : undefined,
    ],
    ['SHA-256', card.sha256 ? `<code>${escapeHtml(card.sha256)}</code>` : undefined],
    ['Translations', translationLinks(card)],
  ];
  return `<li class="card" data-status="${card.status}" aria-labelledby="${id}">
<div class="media">${media(card, title)}</div>
<h2 id="${id}">${escapeHtml(title)}</h2>
<p><span class="status status-${card.status}">${STATUS_WORDS[card.status]}</span> ${escapeHtml(card.state)}</p>
${card.reason ? `<p class="reason">${escapeHtml(card.reason)}</p>` : ''}
<dl class="facts">${facts
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
    .join('')}</dl>
${speech(f)}
</li>`;
}

function media(card: ReviewCard, title: string): string {
  if (card.file) {
    return `<video controls preload="metadata" playsinline src="${escapeHtml(fileHref(card.file))}" aria-label="${escapeHtml(`Video: ${title}`)}"></video>`;
  }
  const thumb = safeHttpUrl(card.facts?.thumbnail_url);
  if (thumb)
    return `<img src="${escapeHtml(thumb)}" alt="${escapeHtml(`Thumbnail: ${title}`)}" loading="lazy" referrerpolicy="no-referrer">`;
  return `<p class="none">${card.status === 'failed' ? 'No video' : 'No video yet'}</p>`;
}

function speech(f: ReviewCard['facts']): string {
  if (f?.script) {
    const words = f.script.trim().split(/\s+/).length;
    return `<details open><summary>Script (${words} word${words === 1 ? '' : 's'})</summary><p class="script">${escapeHtml(f.script)}</p></details>`;
  }
  if (f?.audio) return `<details open><summary>Audio</summary><p class="script">${escapeHtml(audioName(f.audio))}</p></details>`;
  return '';
}

function audioName(audio: string): string {
  const url = safeHttpUrl(audio);
  if (!url) return audio;
  const name = basename(new URL(url).pathname);
  // A lone or malformed escape (`50%off.mp3`) is shown as written: a name never costs the page.
  try {
    return decodeURIComponent(name) || url;
  } catch {
    return name || url;
  }
}

function videoLink(id: string, pageUrl: string | undefined): string {
  const href = safeHttpUrl(pageUrl);
  const code = `<code>${escapeHtml(id)}</code>`;
  return href ? `${code} · <a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">open in HeyGen</a>` : code;
}

function duration(card: ReviewCard): string | undefined {
  const f = card.facts;
  if (f?.duration != null) return clock(f.duration);
  if (f?.estimate.seconds != null) return `about ${clock(f.estimate.seconds)} (estimate)`;
  return undefined;
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function minutes(seconds: number): string {
  return (Math.round((seconds / 60) * 10) / 10).toFixed(1);
}

function size(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u += 1;
  }
  return `${u === 0 ? n : n.toFixed(1)} ${units[u]}`;
}

/** Builds the page of the given journals (no request) and writes it atomically into `dir`. */
export async function writeReviewPage(dir: string, journalPaths: string[], now: Date): Promise<{ path: string; model: ReviewModel }> {
  const model = await buildReview(journalPaths, dir, now);
  const path = join(dir, REVIEW_FILE);
  writeFileAtomic(path, renderReviewPage(model)); // replacing the last one
  return { path, model };
}
