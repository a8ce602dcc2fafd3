// `twin sandbox` in-process: it serves until the signal (Ctrl-C) aborts, prints the two export
// lines, logs requests with --verbose, passes its fault flags on, and frees the port at the end.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createClient } from '../../src/api/index.js';
import { downloadFile } from '../../src/core/download/downloader.js';
import { runTwin, tempDir, type RunResult } from '../helpers/harness.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function untilUp(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`${url}/v3/users/me`, { headers: { 'x-api-key': 'sandbox-key' } });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`sandbox at ${url} never came up`);
}

/** Starts `twin sandbox`, runs `use` against it, then presses Ctrl-C. */
async function withSandbox(flags: string[], use: (url: string) => Promise<void>): Promise<RunResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const controller = new AbortController();
  const running = runTwin(['sandbox', '--port', String(port), ...flags], { signal: controller.signal });
  try {
    await untilUp(url);
    await use(url);
  } finally {
    controller.abort();
  }
  return running;
}

describe('twin sandbox', () => {
  it('serves the API until Ctrl-C, prints the export lines and logs each request with --verbose', async () => {
    let port = 0;
    const r = await withSandbox(['--verbose', '--render-time', '1s'], async (url) => {
      port = Number(new URL(url).port);
      const res = await fetch(`${url}/v3/avatars/looks?avatar_type=digital_twin`, { headers: { 'x-api-key': 'sandbox-key' } });
      expect(res.status).toBe(200);
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`export HEYGEN_API_BASE=http://127.0.0.1:${port}\nexport HEYGEN_API_KEY=sandbox-key\n`);
    expect(r.stderr).toContain(`HeyGen v3 sandbox listening on http://127.0.0.1:${port}: renders take 1s, 10 at a time.`);
    expect(r.stderr).toMatch(/\d\d:\d\d:\d\d GET \/v3\/avatars\/looks -> 200/);
    expect(r.stderr).toContain('Sandbox stopped.');
    await expect(fetch(`http://127.0.0.1:${port}/v3/users/me`)).rejects.toThrow(); // the port is free again
  });

  it('passes the fault and option flags to the emulator', async () => {
    const r = await withSandbox(
      ['--fail-render', '1', '--render-time', '50ms', '--concurrency-limit', '3', '--video-bytes', '2KiB', '--json'],
      async (url) => {
        const api = createClient({ baseUrl: url, apiKey: 'sandbox-key' });
        const { video_id } = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi.' });
        await new Promise((resolve) => setTimeout(resolve, 120));
        const video = await api.getVideo(video_id);
        expect(video.status).toBe('failed');
        await api.close();
      },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      api_key: 'sandbox-key',
      options: { render_ms: 50, concurrency_limit: 3, video_bytes: 2048 },
      faults: { fail_render: 1 },
    });
    expect(r.stderr).toBe('');
  });

  it('cuts and stalls downloads at the byte offsets given, once each', async () => {
    const dir = tempDir();
    let result: Awaited<ReturnType<typeof downloadFile>> | undefined;
    let stalledMs = 0;
    const flags = [
      '--video-bytes',
      '4KiB',
      '--render-time',
      '10ms',
      '--truncate-at',
      '1000',
      '--stall-at',
      '3KiB',
      '--stall-for',
      '300ms',
      '--json',
    ];
    const r = await withSandbox(flags, async (url) => {
      const api = createClient({ baseUrl: url, apiKey: 'sandbox-key' });
      const { video_id } = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi.' });
      let video = await api.getVideo(video_id);
      while (video.status !== 'completed')
        video = await new Promise((resolve) => setTimeout(resolve, 20)).then(() => api.getVideo(video_id));
      let lastAt = 0;
      result = await downloadFile({
        url: video.video_url!,
        target: join(dir, 'v.mp4'),
        sleep: async () => {},
        onProgress: (bytes) => {
          if (bytes > 3072) stalledMs = Math.max(stalledMs, Date.now() - lastAt);
          lastAt = Date.now();
        },
      });
      const again = await downloadFile({ url: video.video_url!, target: join(dir, 'again.mp4') });
      expect(again.retries).toBe(0); // each fault hits one download only
      await api.close();
    });
    expect(r.code).toBe(0);
    expect(result).toMatchObject({ bytes: 4096, retries: 1 });
    expect(stalledMs).toBeGreaterThanOrEqual(250);
    expect(JSON.parse(r.stdout).download_faults).toEqual([
      { kind: 'truncate', at: 1000 },
      { kind: 'stall', at: 3072, ms: 300 },
    ]);
  });

  it('serves downloads whose Content-Length lies, or that carry no checksum, with --lie-length and --omit-checksum', async () => {
    const r = await withSandbox(
      ['--video-bytes', '4KiB', '--render-time', '10ms', '--lie-length', '1KiB', '--omit-checksum', '--json'],
      async (url) => {
        const api = createClient({ baseUrl: url, apiKey: 'sandbox-key' });
        const { video_id } = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi.' });
        let video = await api.getVideo(video_id);
        while (video.status !== 'completed')
          video = await new Promise((resolve) => setTimeout(resolve, 20)).then(() => api.getVideo(video_id));
        const head = await fetch(video.video_url!, { method: 'HEAD' });
        expect(head.headers.get('content-length')).toBe('5120');
        expect(head.headers.has('x-amz-checksum-sha256')).toBe(false);
        const error = await downloadFile({
          url: video.video_url!,
          target: join(tempDir(), 'v.mp4'),
          maxRetries: 1,
          sleep: async () => {},
        }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'file_download_failed' });
        await api.close();
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).faults).toMatchObject({ lie_length: 1024, no_checksum: true });
  });

  it.each([
    [['--lie-length', 'a lot'], '--lie-length'],
    [['--truncate-at', '1000,soon'], '--truncate-at'],
    [['--stall-for', '5s'], '--stall-for'],
    [['--rate-429', '2'], '--rate-429'],
    [['--rate-5xx', 'often'], '--rate-5xx'],
    [['--port', '70000'], '--port'],
    [['--video-bytes', '12XB'], '--video-bytes'],
    [['--render-time', 'soon'], '--render-time'],
    [['--render-time', '0'], '--render-time: must be more than 0'],
    [['--concurrency-limit', '0'], '--concurrency-limit'],
  ])('refuses %j with exit 2 naming the flag', async (flags, flag) => {
    const r = await runTwin(['sandbox', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
  });

  it('says which flag to change when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const r = await runTwin(['sandbox', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
      expect(r.stderr).toContain('--port 0');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('twin sandbox API fault flags', () => {
  it('--garble-creates, --rate-429 with --retry-after: a garbled create is replayed by key, an hour-long 429 is refused', async () => {
    const r = await withSandbox(['--garble-creates', '1', '--retry-after', '7200', '--render-time', '1s', '--json'], async (url) => {
      const client = createClient({ baseUrl: url, apiKey: 'sandbox-key', sleep: async () => {} });
      const created = await client.createVideo(
        { type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi' },
        { idempotencyKey: 'flag-test' },
      );
      expect((await client.getVideo(created.video_id)).id).toBe(created.video_id);
      await client.close();
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.faults.retry_after).toBe('7200');
    expect(doc.api_faults).toEqual([{ kind: 'garbled', route: 'POST /v3/videos', times: 1 }]);
  });

  it('refuses a --retry-after that is not whole seconds and a --huge-body that is not a size (exit 2)', async () => {
    for (const [flags, named] of [
      [['--retry-after', 'soon'], '--retry-after'],
      [['--huge-body', 'lots'], '--huge-body'],
    ] as const) {
      const r = await runTwin(['sandbox', '--port', '0', ...flags]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(named);
    }
  });
});

describe('twin sandbox multi-scene flags', () => {
  const studio = (scene: Record<string, unknown>) => ({
    type: 'studio' as const,
    scenes: [{ type: 'avatar_video', input: { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hi.' } }, scene],
  });
  const narratedImageLook = {
    type: 'avatar_video',
    input: { type: 'image', image: { type: 'url', url: 'https://example.com/a.png' }, script: 'Hi.', voice_id: 'v_en_m_01' },
  };

  it('--no-studio answers a studio create with 400; --studio-unconfirmed accepts what is refused by default', async () => {
    const statusOf = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: { status?: number }) => e.status,
      );
    const off = await withSandbox(['--no-studio', '--json'], async (url) => {
      const api = createClient({ baseUrl: url, apiKey: 'sandbox-key', sleep: async () => {} });
      expect(
        await statusOf(
          api.createVideo(studio({ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' }, duration: 3 }) as never),
        ),
      ).toBe(400);
      await api.close();
    });
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).options).toMatchObject({ studio_unavailable: true });

    const defaults = await withSandbox(['--json'], async (url) => {
      const api = createClient({ baseUrl: url, apiKey: 'sandbox-key', sleep: async () => {} });
      expect(await statusOf(api.createVideo(studio(narratedImageLook) as never))).toBe(400);
      await api.close();
    });
    expect(defaults.code).toBe(0);
    const on = await withSandbox(['--studio-unconfirmed', '--json'], async (url) => {
      const api = createClient({ baseUrl: url, apiKey: 'sandbox-key', sleep: async () => {} });
      expect(await statusOf(api.createVideo(studio(narratedImageLook) as never))).toBe(200);
      await api.close();
    });
    expect(on.code).toBe(0);
  });
});
