// Every value the review page shows, hostile in every field at once: each lands escaped, links and
// images take http(s) only, and file links are percent-encoded (issue 27: the mutants of
// review-page.ts that no test saw).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REVIEW_CSS, REVIEW_JS } from '../../src/core/batch/review-assets.js';
import { renderReviewPage, safeHttpUrl } from '../../src/core/batch/review-page.js';
import type { ReviewCard, ReviewModel } from '../../src/core/batch/review-data.js';

const H = (field: string) => `${field}" onx="1' <i>&`;
const ESCAPED = (field: string) => `${field}&quot; onx=&quot;1&#39; &lt;i&gt;&amp;`;

function model(cards: ReviewCard[], manifest: string | null = H('manifest')): ReviewModel {
  return {
    manifest,
    generated_at: H('generated'),
    totals: { done: 1, failed: 1, pending: 1, rows: 3 },
    video_seconds: 61,
    pending_seconds: 30,
    renders_last_run: 2,
    last_run_at: H('lastrun'),
    cards,
  };
}

const facts = (extra: Partial<NonNullable<ReviewCard['facts']>> = {}): NonNullable<ReviewCard['facts']> => ({
  line: 2,
  base: 'k',
  title: H('title'),
  look: H('look'),
  voice: H('voice'),
  engine: H('engine'),
  resolution: H('resolution'),
  script: H('script'),
  estimate: { seconds: 12 } as NonNullable<ReviewCard['facts']>['estimate'],
  ...extra,
});

describe('the review page escapes every field', () => {
  it('row, facts, state, reason, sha256, manifest and times: escaped, never raw', () => {
    const page = renderReviewPage(
      model([
        {
          key: H('key'),
          line: 2,
          status: 'done',
          state: H('state'),
          reason: H('reason'),
          video_id: H('vid'),
          file: 'out/a.mp4',
          sha256: H('sha'),
          facts: facts(),
        },
      ]),
    );
    for (const field of [
      'manifest',
      'generated',
      'lastrun',
      'key',
      'state',
      'reason',
      'vid',
      'sha',
      'title',
      'look',
      'voice',
      'engine',
      'resolution',
      'script',
    ]) {
      expect(page, field).toContain(ESCAPED(field));
    }
    expect(page).not.toMatch(/onx="/);
    expect(page).not.toContain('<i>');
  });

  it('a thumbnail, a HeyGen link and an audio name: http(s) only, escaped', () => {
    const page = renderReviewPage(
      model([
        {
          key: 'r1',
          status: 'pending',
          state: 'rendering',
          video_id: 'vid_1',
          facts: facts({
            script: undefined,
            audio: 'https://cdn.example/voice%22%20x.mp3',
            thumbnail_url: `https://img.example/t.jpg?a="b"`,
            video_page_url: `https://app.heygen.com/videos/1?x="y"`,
          }),
        },
        {
          key: 'r2',
          status: 'failed',
          state: 'failed',
          video_id: 'vid_2',
          facts: facts({ thumbnail_url: 'javascript:alert(1)', video_page_url: 'javascript:alert(2)' }),
        },
      ]),
    );
    expect(page).toContain('<img src="https://img.example/t.jpg?a=%22b%22"');
    expect(page).toContain('href="https://app.heygen.com/videos/1?x=%22y%22" target="_blank" rel="noopener noreferrer">open in HeyGen</a>');
    expect(page).toContain('<p class="script">voice&quot; x.mp3</p>');
    expect(page).not.toContain('javascript:');
    expect(page).toContain('<p class="none">No video</p>');
  });

  it('a file name with #, ? and spaces is a link that stays a file', () => {
    const page = renderReviewPage(model([{ key: 'r', status: 'done', state: 'downloaded', file: 'out/a #1?.mp4', bytes: 2048 }], null));
    expect(page).toContain('src="out/a%20%231%3F.mp4"');
    expect(page).toContain('<a href="out/a%20%231%3F.mp4">a #1?.mp4</a> · 2.0 KB');
    expect(page).toContain('<title>Review: batch</title>');
  });
});

describe('safeHttpUrl', () => {
  it('keeps http and https, refuses anything else and what is no URL', () => {
    expect(safeHttpUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHttpUrl('http://a.example/x')).toBe('http://a.example/x');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url', '', undefined]) {
      expect(safeHttpUrl(bad), String(bad)).toBeUndefined();
    }
  });
});

describe('the page itself', () => {
  it('allows only its own inline style and script (by hash), no requests of its own, no referrer', () => {
    const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const page = renderReviewPage(model([], 'videos.csv'));
    expect(page).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${sha(REVIEW_CSS)}; script-src ${sha(REVIEW_JS)}; img-src 'self' file: data: http: https:; media-src 'self' file: blob:; base-uri 'none'; form-action 'none'">`,
    );
    expect(page).toContain('<meta name="referrer" content="no-referrer">');
    expect(page).toContain(`<style>${REVIEW_CSS}</style>`);
    expect(page).toContain(`<script>${REVIEW_JS}</script>`);
  });

  it('sums up the batch and offers the filters with their counts', () => {
    const one = {
      ...model([], 'videos.csv'),
      totals: { done: 1, failed: 0, pending: 0, rows: 1 },
      renders_last_run: null,
      last_run_at: null,
    };
    const page = renderReviewPage(one);
    expect(page).toContain(
      '<p class="meta">1 row from <code>videos.csv</code> · built generated&quot; onx=&quot;1&#39; &lt;i&gt;&amp; from the journal</p>',
    );
    expect(page).toContain('<div><dt>Renders this run</dt><dd>–</dd></div>');
    const many = renderReviewPage(model([], 'videos.csv'));
    expect(many).toContain('<p class="meta">3 rows from');
    for (const [label, value] of [
      ['Done', '1'],
      ['Failed', '1'],
      ['Pending', '1'],
      ['Minutes of video', '1.0'],
      ['Still to render (estimate)', '0.5 min'],
      ['Renders this run', '2'],
    ]) {
      expect(many).toContain(`<div><dt>${label}</dt><dd>${value}</dd></div>`);
    }
    expect(many).toContain('<label><input type="radio" name="status" value="all" checked> All (3)</label>');
    expect(many).toContain('<label><input type="radio" name="status" value="failed"> Failed (1)</label>');
  });
});
