// The review page's escaping, without a browser: every value from a row or the API lands in HTML
// text or in a double-quoted attribute, so a title carrying `"` must not end the attribute and
// add one of its own (the Chromium test that also checks this skips where Chromium is missing).
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReviewPage } from '../../src/core/batch/review-page.js';
import type { ReviewModel } from '../../src/core/batch/review-data.js';

const HOSTILE = `Q3" onmouseover="alert(1)" x='y' <b>&`;

function modelWith(label: string): ReviewModel {
  return {
    manifest: 'videos.csv',
    generated_at: '2026-01-01T00:00:00.000Z',
    totals: { done: 1, failed: 0, pending: 0, rows: 1 },
    video_seconds: 0,
    pending_seconds: 0,
    renders_last_run: null,
    last_run_at: null,
    cards: [{ key: 'row-1', line: 2, label, status: 'done', state: 'downloaded', video_id: 'vid_1', file: 'out/a.mp4' }],
  };
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and in quoted attributes', () => {
    expect(escapeHtml(HOSTILE)).toBe('Q3&quot; onmouseover=&quot;alert(1)&quot; x=&#39;y&#39; &lt;b&gt;&amp;');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('keeps a hostile title inside the attribute it is written into', () => {
    const page = renderReviewPage(modelWith(HOSTILE));
    expect(page).toContain('aria-label="Video: Q3&quot; onmouseover=&quot;alert(1)&quot; x=&#39;y&#39; &lt;b&gt;&amp;"');
    expect(page).not.toContain('onmouseover="');
    expect(page).not.toContain('<b>');
  });
});
