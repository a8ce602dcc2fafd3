// Each card of the review page exactly as written: every fact in its place, the ones a row lacks
// left out, durations, sizes and word counts said right, odd file names still links (issue 27: the
// mutants of review-page.ts that the escaping tests did not see).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReviewPage, writeReviewPage } from '../../src/core/batch/review-page.js';
import type { ReviewCard, ReviewModel } from '../../src/core/batch/review-data.js';
import { tempDir } from '../helpers/harness.js';

type Facts = NonNullable<ReviewCard['facts']>;
const facts = (f: Partial<Facts>): Facts => ({
  line: 2,
  base: 'k',
  look: 'lk_1',
  engine: 'avatar_iv',
  estimate: { seconds: 12 } as Facts['estimate'],
  ...f,
});

function model(cards: ReviewCard[], over: Partial<ReviewModel> = {}): ReviewModel {
  return {
    manifest: 'videos.csv',
    generated_at: 'T0',
    totals: { done: 1, failed: 1, pending: 2, rows: 4 },
    video_seconds: 0,
    pending_seconds: 0,
    renders_last_run: null,
    last_run_at: null,
    cards,
    ...over,
  };
}

/** The page's cards, one string each. */
const cardsOf = (page: string) => [...page.matchAll(/<li class="card"[\s\S]*?<\/li>/g)].map((m) => m[0]);

const DONE: ReviewCard = {
  key: 'intro',
  line: 3,
  status: 'done',
  state: 'downloaded',
  video_id: 'vid_1',
  file: 'out/sub dir/intro.mp4',
  bytes: 1536,
  sha256: 'abc',
  translations: [
    { language: 'Spanish (Spain)', file: 'out/intro.spanish-spain.mp4', bytes: 5 * 1024 * 1024 },
    { language: 'German', file: '../up/./intro?.de.mp4', bytes: 10 },
  ],
  facts: facts({
    title: 'Intro',
    voice: 'v_1',
    resolution: '1080p',
    script: '  Hello   there,\n world  ',
    duration: 125.4,
    video_page_url: 'https://app.heygen.com/videos/vid_1',
    thumbnail_url: 'https://img.example/t.jpg',
  }),
};

const PENDING: ReviewCard = { key: 'outro', status: 'pending', state: 'not started' };

const FAILED: ReviewCard = {
  key: 'third',
  label: 'Third row',
  status: 'failed',
  state: 'failed',
  reason: 'quota exceeded',
  video_id: 'vid_3',
  facts: facts({
    look: 'lk_2',
    engine: 'avatar_iii',
    script: 'Hi',
    estimate: { seconds: 59.6 } as Facts['estimate'],
    video_page_url: 'javascript:alert(1)',
    thumbnail_url: 'https://img.example/3.jpg',
  }),
};

describe('a card, exactly', () => {
  // Rendered in each test, not once here: what a test runs is what it checks.
  const card = (i: number) => cardsOf(renderReviewPage(model([DONE, PENDING, FAILED])))[i];

  it('a done row: its video, every fact, translations and its script', () => {
    expect(card(0)).toBe(
      [
        '<li class="card" data-status="done" aria-labelledby="card-1">',
        '<div class="media"><video controls preload="metadata" playsinline src="out/sub%20dir/intro.mp4" aria-label="Video: Intro"></video></div>',
        '<h2 id="card-1">Intro</h2>',
        '<p><span class="status status-done">Done</span> downloaded</p>',
        '',
        '<dl class="facts">' +
          '<dt>Row</dt><dd><code>intro</code> · manifest line 3</dd>' +
          '<dt>Look</dt><dd><code>lk_1</code></dd>' +
          '<dt>Voice</dt><dd><code>v_1</code></dd>' +
          '<dt>Engine</dt><dd>avatar_iv · 1080p</dd>' +
          '<dt>Duration</dt><dd>2:05</dd>' +
          '<dt>Video</dt><dd><code>vid_1</code> · <a href="https://app.heygen.com/videos/vid_1" target="_blank" rel="noopener noreferrer">open in HeyGen</a></dd>' +
          '<dt>File</dt><dd><a href="out/sub%20dir/intro.mp4">intro.mp4</a> · 1.5 KB</dd>' +
          '<dt>SHA-256</dt><dd><code>abc</code></dd>' +
          '<dt>Translations</dt><dd>Spanish (Spain): <a href="out/intro.spanish-spain.mp4">intro.spanish-spain.mp4</a> · 5.0 MB<br>' +
          'German: <a href="../up/./intro%3F.de.mp4">intro?.de.mp4</a> · 10 bytes</dd>' +
          '</dl>',
        '<details open><summary>Script (3 words)</summary><p class="script">  Hello   there,\n world  </p></details>',
        '</li>',
      ].join('\n'),
    );
  });

  it('a row not started: its key as title, no facts it lacks, no video yet', () => {
    expect(card(1)).toBe(
      [
        '<li class="card" data-status="pending" aria-labelledby="card-2">',
        '<div class="media"><p class="none">No video yet</p></div>',
        '<h2 id="card-2">outro</h2>',
        '<p><span class="status status-pending">Pending</span> not started</p>',
        '',
        '<dl class="facts"><dt>Row</dt><dd><code>outro</code></dd></dl>',
        '',
        '</li>',
      ].join('\n'),
    );
  });

  it("a failed row: its label, the reason, the look's default voice, an estimate, a thumbnail and no unsafe link", () => {
    expect(card(2)).toBe(
      [
        '<li class="card" data-status="failed" aria-labelledby="card-3">',
        '<div class="media"><img src="https://img.example/3.jpg" alt="Thumbnail: Third row" loading="lazy" referrerpolicy="no-referrer"></div>',
        '<h2 id="card-3">Third row</h2>',
        '<p><span class="status status-failed">Failed</span> failed</p>',
        '<p class="reason">quota exceeded</p>',
        '<dl class="facts">' +
          '<dt>Row</dt><dd><code>third</code></dd>' +
          '<dt>Look</dt><dd><code>lk_2</code></dd>' +
          "<dt>Voice</dt><dd>the look's default</dd>" +
          '<dt>Engine</dt><dd>avatar_iii</dd>' +
          '<dt>Duration</dt><dd>about 1:00 (estimate)</dd>' +
          '<dt>Video</dt><dd><code>vid_3</code></dd>' +
          '</dl>',
        '<details open><summary>Script (1 word)</summary><p class="script">Hi</p></details>',
        '</li>',
      ].join('\n'),
    );
  });

  it('a failed row with nothing to show says "No video"; cards are one per line', () => {
    const page = renderReviewPage(model([{ key: 'a', status: 'failed', state: 'failed' }, PENDING]));
    expect(page).toContain('<div class="media"><p class="none">No video</p></div>');
    expect(page).toContain('</li>\n<li class="card" data-status="pending" aria-labelledby="card-2">');
  });
});

describe('the parts of a card', () => {
  const one = (card: ReviewCard) => cardsOf(renderReviewPage(model([card])))[0]!;

  it('sizes: bytes, then KB, MB and GB (never beyond)', () => {
    const sized = (bytes: number) => one({ key: 'k', status: 'done', state: 'downloaded', file: 'a.mp4', bytes });
    expect(sized(1023)).toContain('</a> · 1023 bytes</dd>');
    expect(sized(1024)).toContain('</a> · 1.0 KB</dd>');
    expect(sized(3 * 1024 ** 3)).toContain('</a> · 3.0 GB</dd>');
    expect(sized(5 * 1024 ** 4)).toContain('</a> · 5120.0 GB</dd>');
    expect(one({ key: 'k', status: 'done', state: 'downloaded', file: 'a.mp4' })).toContain('<dd><a href="a.mp4">a.mp4</a></dd>');
  });

  it('audio instead of a script: its file name, an asset id as it is, a name that is no escape as written', () => {
    const audio = (value: string) => one({ key: 'k', status: 'done', state: 'downloaded', facts: facts({ audio: value }) });
    expect(audio('asset_123')).toContain('<details open><summary>Audio</summary><p class="script">asset_123</p></details>');
    expect(audio('https://cdn.example/a/voice%20over.mp3')).toContain('<p class="script">voice over.mp3</p>');
    expect(audio('https://cdn.example/a/50%off.mp3')).toContain('<p class="script">50%off.mp3</p>');
    expect(audio('https://cdn.example/')).toContain('<p class="script">https://cdn.example/</p>');
  });

  it('a file name with lone surrogates is still a link (each as U+FFFD), a real emoji kept', () => {
    const card = one({ key: 'k', status: 'done', state: 'downloaded', file: 'out/x\udc00 a\ud800\u{1F600}.mp4' });
    expect(card).toContain('src="out/x%EF%BF%BD%20a%EF%BF%BD%F0%9F%98%80.mp4"');
  });
});

describe('the page header', () => {
  it('without a manifest but with a last run; the four filters', () => {
    const page = renderReviewPage(model([], { manifest: null, last_run_at: 'T1' }));
    expect(page).toContain('<p class="meta">4 rows · built T0 from the journal · last run T1</p>');
    for (const line of [
      '<label><input type="radio" name="status" value="all" checked> All (4)</label>',
      '<label><input type="radio" name="status" value="done"> Done (1)</label>',
      '<label><input type="radio" name="status" value="failed"> Failed (1)</label>',
      '<label><input type="radio" name="status" value="pending"> Pending (2)</label>',
    ]) {
      expect(page).toContain(line);
    }
  });
});

describe('writeReviewPage', () => {
  it('writes review.html into the folder, again over the last one, and gives its path and model', async () => {
    const dir = tempDir();
    const now = new Date('2026-01-01T00:00:00.000Z');
    await writeReviewPage(dir, [], now);
    const { path, model: built } = await writeReviewPage(dir, [], now);
    expect(path).toBe(join(dir, 'review.html'));
    expect(built.totals.rows).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(renderReviewPage(built));
  });
});
