// The batch review page in a real browser (headless Chromium over the DevTools protocol), built
// by a real `batch run` against the sandbox: the cards, a playable <video> for a downloaded row,
// the filters (by mouse and keyboard), a hostile title shown as text with no script run, nothing
// fetched from the network, and the layout at phone width and at 1920 px (boxes, not pixels).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, tempDir } from '../helpers/harness.js';
import { findChromium, launchChromium, type Browser, type Page } from '../helpers/chromium.js';

const sandbox = useSandbox({ renderMs: 40, concurrencyLimit: 10 });
const chromium = findChromium();
const HOSTILE = `<img src=x onerror="window.__pwned=1;alert(1)"></script><script>window.__pwned=2</script>`;

describe.skipIf(!chromium.path)(`review page in Chromium${chromium.reason ? ` (skipped: ${chromium.reason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let pageUrl: string;

  beforeAll(async () => {
    const dir = tempDir();
    const rows = [
      'id,look,script,title',
      `hostile,lk_alex_office,"Script with </script> and <b>tags</b>","${HOSTILE.replace(/"/g, '""')}"`,
    ];
    for (let i = 2; i <= 9; i++) rows.push(`row-${i},lk_alex_office,Hello number ${i} from the review test,Video ${i}`);
    writeFileSync(join(dir, 'videos.csv'), `${rows.join('\n')}\n`);
    // Two rows first, one at a time (row-3 fails to render), so the page has done, failed and pending cards.
    sandbox.inject({ kind: 'fail-render', times: 1, failureCode: 'avatar_error', failureMessage: 'The <avatar> could not be rendered' });
    const failed = await runTwin(['batch', 'run', 'videos.csv', '--out', 'out', '--rows', 'row-3'], { sandbox, cwd: dir });
    expect(failed.code, failed.stderr).toBe(5);
    const res = await runTwin(['batch', 'run', 'videos.csv', '--out', 'out', '--rows', 'hostile'], { sandbox, cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    pageUrl = pathToFileURL(join(dir, 'out', 'review.html')).href;
    browser = await launchChromium(chromium.path!);
    page = await browser.newPage();
    await page.resize(1280, 900);
    await page.goto(pageUrl);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const visibleCards = () => page.evaluate<number>(`[...document.querySelectorAll('.card')].filter((c) => c.offsetParent !== null).length`);

  it('has a card per row with its status, and the summary counts', async () => {
    const cards = await page.evaluate<Array<{ status: string; title: string }>>(
      `[...document.querySelectorAll('.card')].map((c) => ({ status: c.dataset.status, title: c.querySelector('h2').textContent }))`,
    );
    expect(cards).toHaveLength(9);
    expect(cards.map((c) => c.status)).toEqual([
      'done',
      'pending',
      'failed',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    const summary = await page.evaluate<string>(`document.querySelector('.summary').innerText`);
    expect(summary).toMatch(/Done\s+1/);
    expect(summary).toMatch(/Failed\s+1/);
    expect(summary).toMatch(/Pending\s+7/);
    expect(summary).toMatch(/Renders this run\s+1/);
    const reason = await page.evaluate<string>(`document.querySelectorAll('.card')[2].querySelector('.reason').textContent`);
    expect(reason).toBe('avatar_error: The <avatar> could not be rendered');
  });

  it('shows a hostile title and script as text, runs none of it, and fetches nothing', async () => {
    const first = await page.evaluate<{ title: string; script: string; imgs: number; scripts: number; pwned: unknown }>(`({
      title: document.querySelector('.card h2').textContent,
      script: document.querySelector('.card .script').textContent,
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      pwned: window.__pwned ?? null,
    })`);
    expect(first).toEqual({ title: HOSTILE, script: 'Script with </script> and <b>tags</b>', imgs: 0, scripts: 1, pwned: null });
    expect(page.dialogs).toEqual([]);
    expect(page.requests.filter((u) => !/^(file|data):/.test(u))).toEqual([]);
    expect(page.console.filter((m) => /Content Security Policy/i.test(m))).toEqual([]);
  });

  it('plays the downloaded video from its relative path', async () => {
    const video = await page.evaluate<{ src: string; readyState: number; duration: number; error: unknown }>(`(async () => {
      const v = document.querySelector('.card video');
      if (v.readyState < 1) await new Promise((ok, fail) => { v.onloadedmetadata = ok; v.onerror = () => fail(new Error('video error ' + (v.error && v.error.code))); setTimeout(ok, 15000); });
      return { src: v.getAttribute('src'), readyState: v.readyState, duration: v.duration, error: v.error && v.error.code };
    })()`);
    expect(video.src).toBe('hostile.mp4');
    expect(video.error).toBeNull();
    expect(video.readyState).toBeGreaterThanOrEqual(1);
    expect(video.duration).toBeGreaterThan(1); // the sandbox serves a 3 s MP4
  });

  it('filters by status and by search, by mouse and by keyboard', async () => {
    await page.evaluate(`document.querySelector('input[value="failed"]').click()`);
    expect(await visibleCards()).toBe(1);
    expect(await page.evaluate(`document.getElementById('shown').textContent`)).toBe('1 of 9 rows shown');
    await page.evaluate(`document.querySelector('input[value="all"]').click()`);
    expect(await visibleCards()).toBe(9);

    // Keyboard only: Tab to the search box, type, and the cards follow.
    await page.evaluate(`document.activeElement && document.activeElement.blur()`);
    for (let i = 0; i < 20 && (await page.evaluate(`document.activeElement.id`)) !== 'search'; i++) {
      await page.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
      await page.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
    }
    expect(await page.evaluate(`document.activeElement.id`)).toBe('search');
    await page.send('Input.insertText', { text: 'from the REVIEW' }); // words of the scripts, any case
    expect(await visibleCards()).toBe(8);
    await page.evaluate(`(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); })()`);
    await page.send('Input.insertText', { text: 'row-7' });
    expect(await visibleCards()).toBe(1);
    expect(
      await page.evaluate(`[...document.querySelectorAll('.card')].find((c) => c.offsetParent !== null).querySelector('h2').textContent`),
    ).toBe('Video 7');
    await page.send('Input.insertText', { text: ' nothing-like-this' });
    expect(await visibleCards()).toBe(0);
    expect(await page.evaluate(`document.getElementById('none').hidden`)).toBe(false);
    await page.evaluate(`(() => { const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input')); })()`);
    expect(await visibleCards()).toBe(9);
  });

  // WCAG 2 contrast of each kind of text against the background it sits on (4.5:1 for body text).
  const CONTRAST = `(() => {
    const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (el) => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; if (rgb(c)[3] !== 0) return c; } return 'rgb(255, 255, 255)'; };
    const out = {};
    for (const sel of ['h1', '.meta', '.summary dt', '.summary dd', 'legend', 'fieldset label', '.search label', '#shown', '.card h2', '.status-done', '.status-failed', '.status-pending', '.reason', '.facts dt', '.facts dd', 'summary', '.script', '.facts a']) {
      const el = document.querySelector(sel);
      if (!el) { out[sel] = 0; continue; }
      const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(background(el)))];
      out[sel] = Math.round(((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) * 100) / 100;
    }
    return out;
  })()`;

  it.each(['light', 'dark'])('keeps text readable in the %s colour scheme (contrast 4.5:1 or more)', async (scheme) => {
    await page.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
    const ratios = await page.evaluate<Record<string, number>>(CONTRAST);
    for (const [selector, ratio] of Object.entries(ratios)) expect(ratio, selector).toBeGreaterThanOrEqual(4.5);
    await page.send('Emulation.setEmulatedMedia', { features: [] });
  });

  const layout = () =>
    page.evaluate<{
      viewport: number;
      scroll: number;
      cards: Array<{ x: number; y: number; w: number; h: number }>;
      search: { w: number };
    }>(`({
      viewport: window.innerWidth,
      scroll: document.documentElement.scrollWidth,
      cards: [...document.querySelectorAll('.card')].map((c) => { const r = c.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; }),
      search: { w: document.getElementById('search').getBoundingClientRect().width },
    })`);

  it('lays out one column at phone width and many at 1920 px, never wider than the window', async () => {
    await page.resize(390, 844, true);
    await page.goto(pageUrl);
    const phone = await layout();
    expect(phone.scroll).toBeLessThanOrEqual(phone.viewport);
    expect(new Set(phone.cards.map((c) => Math.round(c.x))).size).toBe(1); // one column
    for (const c of phone.cards) expect(c.x + c.w).toBeLessThanOrEqual(phone.viewport);
    expect(phone.cards[0]!.w).toBeGreaterThan(300);
    expect(phone.search.w).toBeGreaterThan(250);

    await page.resize(1920, 1080);
    await page.goto(pageUrl);
    const wide = await layout();
    expect(wide.scroll).toBeLessThanOrEqual(wide.viewport);
    const firstRow = wide.cards.filter((c) => Math.abs(c.y - wide.cards[0]!.y) < 1);
    expect(firstRow.length).toBeGreaterThanOrEqual(4);
    for (const c of wide.cards) expect(c.w).toBeGreaterThan(300);
    for (const c of wide.cards) expect(c.w).toBeLessThan(600);
  });
});
