import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, completedVideo, fakeClock, get, sandbox } from './helpers.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Reads as much of the body as arrives; `complete` is false when the connection was cut. */
async function fetchFrom(url: string, from = 0): Promise<{ status: number; headers: Headers; body: Buffer; complete: boolean }> {
  const res = await fetch(url, { headers: from > 0 ? { range: `bytes=${from}-` } : {} });
  const chunks: Buffer[] = [];
  let complete = true;
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
    }
  } catch {
    complete = false;
  }
  return { status: res.status, headers: res.headers, body: Buffer.concat(chunks), complete };
}

describe('sandbox: presigned downloads', () => {
  it('serves a real, small, faststart MP4 whose SHA matches videoSha256 and the checksum header', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { id, video } = await completedVideo(sb, clock);
    const res = await fetchFrom(video.video_url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(Number(res.headers.get('content-length'))).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(100_000);
    expect(res.body.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const text = res.body.toString('latin1');
    expect(text.indexOf('moov')).toBeLessThan(text.indexOf('mdat'));
    expect(sha256(res.body)).toBe(sb.videoSha256(id));
    expect(res.headers.get('x-amz-checksum-sha256')).toBe(Buffer.from(sb.videoSha256(id), 'hex').toString('base64'));
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(sb.counters.downloadBytes).toBe(res.body.length);
    expect(sb.counters.requests['GET /download/:id']).toBe(1);
  });

  it('serves webm when output_format is webm', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { video } = await completedVideo(sb, clock, { output_format: 'webm' });
    expect(video.video_url).toContain('/video.webm?');
    const res = await fetchFrom(video.video_url);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.body.subarray(0, 4)).toEqual(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
  });

  it('answers 403 once a URL expires, when it is tampered with, and after expire-urls', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, urlTtlMs: 60_000 });
    const { id, video } = await completedVideo(sb, clock);
    const url = new URL(video.video_url);
    const tampered = new URL(url);
    tampered.searchParams.set(
      'sig',
      url.searchParams.get('sig')!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
    );
    const tamperedRes = await fetch(tampered);
    expect(tamperedRes.status).toBe(403);
    expect(await tamperedRes.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 1e9));
    expect((await fetch(longer)).status).toBe(403);
    expect((await fetch(`${sb.url}/download/${id}/video.mp4`)).status).toBe(403);

    clock.advance(59_999); // the URL was minted at the GET in completedVideo, on this clock
    expect((await fetch(url)).status).toBe(200); // 1 ms before the expiry
    clock.advance(1);
    const expired = await fetch(url); // at the expiry instant it is gone
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    const fresh = (await get(sb, `/v3/videos/${id}`)).body.data.video_url;
    expect((await fetch(fresh)).status).toBe(200);

    sb.inject({ kind: 'expire-urls' });
    expect((await fetch(fresh)).status).toBe(403);
    const fresher = (await get(sb, `/v3/videos/${id}`)).body.data.video_url;
    expect((await fetch(fresher)).status).toBe(200);
  });

  it('answers 404 for a deleted video or a file it does not have', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { id, video } = await completedVideo(sb, clock);
    expect(video.captioned_video_url).toBeNull();
    await call(sb, 'DELETE', `/v3/videos/${id}`);
    const gone = await fetch(video.video_url);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('NoSuchKey');
  });

  it('supports HEAD, Range (206), suffix ranges and 416', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { video } = await completedVideo(sb, clock);
    const full = (await fetchFrom(video.video_url)).body;
    const head = await fetch(video.video_url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(full.length);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    const part = await fetch(video.video_url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${full.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(full.subarray(100, 200));

    const open = await fetch(video.video_url, { headers: { range: `bytes=${full.length - 50}-` } });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer())).toEqual(full.subarray(full.length - 50));

    const suffix = await fetch(video.video_url, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(full.subarray(full.length - 10));

    const past = await fetch(video.video_url, { headers: { range: `bytes=${full.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${full.length}`);

    const bytes = async (range: string) => {
      const r = await fetch(video.video_url, { headers: { range } });
      return { status: r.status, contentRange: r.headers.get('content-range'), body: Buffer.from(await r.arrayBuffer()) };
    };
    // RFC 9110 §14: the unit is case-insensitive; a suffix longer than the file is the whole file.
    expect(await bytes('Bytes=0-9')).toMatchObject({ status: 206, body: full.subarray(0, 10) });
    expect(await bytes('bytes=-999999999')).toMatchObject({ status: 206, contentRange: `bytes 0-${full.length - 1}/${full.length}` });
    expect(await bytes('bytes=-0')).toMatchObject({ status: 416, contentRange: `bytes */${full.length}` });
    expect(await bytes(`bytes=10-${full.length + 1000}`)).toMatchObject({ status: 206, body: full.subarray(10) });
    // Served whole (200), as S3 does: several ranges, a reversed range, another unit.
    for (const range of ['bytes=0-1,5-6', 'bytes=9-3', 'items=0-1', 'bytes=abc']) {
      expect(await bytes(range), range).toMatchObject({ status: 200, contentRange: null, body: full });
    }

    sb.faults.ignoreRange = true;
    const ignored = await fetch(video.video_url, { headers: { range: 'bytes=100-199' } });
    expect(ignored.status).toBe(200);
    expect((await ignored.arrayBuffer()).byteLength).toBe(full.length);
  });
});

describe('sandbox: synthetic files and download faults', () => {
  it('serves a deterministic synthetic file of videoBytes whose SHA matches', async () => {
    const clock = fakeClock();
    const MiB = 1024 * 1024;
    const size = 9 * MiB + 123;
    const sb = await sandbox({ now: clock.now, videoBytes: size });
    const { id, video } = await completedVideo(sb, clock);
    const { body, headers } = await fetchFrom(video.video_url);
    expect(body.length).toBe(size);
    expect(sha256(body)).toBe(sb.videoSha256(id));
    expect(headers.get('x-amz-checksum-sha256')).toBe(Buffer.from(sha256(body), 'hex').toString('base64'));
    const mid = await fetch(video.video_url, { headers: { range: `bytes=${4 * MiB - 4}-${4 * MiB + 11}` } });
    expect(Buffer.from(await mid.arrayBuffer())).toEqual(body.subarray(4 * MiB - 4, 4 * MiB + 12));
    // Blocks differ, so a resume at the wrong offset would change the hash.
    expect(body.subarray(0, 64)).not.toEqual(body.subarray(4 * MiB, 4 * MiB + 64));
    expect(body.subarray(8, 64)).toEqual(body.subarray(4 * MiB + 8, 4 * MiB + 64));
    const again = await completedVideo(sb, clock);
    expect(sb.videoSha256(again.id)).toBe(sb.videoSha256(id));
  });

  it('cuts a download at 30%, 60% and 90%; each resume continues from where it stopped', async () => {
    const clock = fakeClock();
    const size = 1_000_000;
    const sb = await sandbox({ now: clock.now, videoBytes: size });
    const { id, video } = await completedVideo(sb, clock);
    for (const at of [300_000, 600_000, 900_000]) sb.inject({ kind: 'truncate', at });
    const parts: Buffer[] = [];
    const attempts: Array<[number, number, boolean]> = [];
    let got = 0;
    while (got < size && attempts.length < 10) {
      const r = await fetchFrom(video.video_url, got);
      expect(r.status).toBe(got === 0 ? 200 : 206);
      attempts.push([got, r.body.length, r.complete]);
      parts.push(r.body);
      got += r.body.length;
    }
    expect(attempts).toEqual([
      [0, 300_000, false],
      [300_000, 300_000, false],
      [600_000, 300_000, false],
      [900_000, 100_000, true],
    ]);
    expect(sha256(Buffer.concat(parts))).toBe(sb.videoSha256(id));
  });

  it('stalls a download for ms at a byte offset, then finishes it', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { id, video } = await completedVideo(sb, clock);
    sb.inject({ kind: 'stall', at: 10_000, ms: 500 });
    const started = Date.now();
    const r = await fetchFrom(video.video_url);
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    expect(r.complete).toBe(true);
    expect(sha256(r.body)).toBe(sb.videoSha256(id));
    const quick = Date.now();
    await fetchFrom(video.video_url);
    expect(Date.now() - quick).toBeLessThan(480);
  });

  it('a download resumed past the fault offset is not cut again', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now });
    const { video } = await completedVideo(sb, clock);
    sb.inject({ kind: 'truncate', at: 1_000 });
    const past = await fetchFrom(video.video_url, 2_000);
    expect(past.complete).toBe(true);
    const cut = await fetchFrom(video.video_url);
    expect(cut).toMatchObject({ complete: false });
    expect(cut.body.length).toBe(1_000);
  });
});
