// The file host both downloader test files use: a sandbox serving synthetic files of `size`
// bytes, a client to render with, and the checks they share.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';

export const noSleep = async (): Promise<void> => {};

export interface DownloadHost {
  sandbox: Sandbox;
  /** A client of the sandbox (from beforeAll on). */
  readonly api: HeyGenClient;
  /** A new completed video (of `sandbox.options.videoBytes` bytes) and its presigned URL. */
  completedVideo(): Promise<{ id: string; url: string }>;
  /** Requests the file host has answered so far. */
  downloads(): number;
}

export function useDownloadHost(size: number): DownloadHost {
  const sandbox = useSandbox({ renderMs: 20, videoBytes: size });
  let api: HeyGenClient;
  beforeAll(() => {
    api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, sleep: noSleep });
  });
  afterAll(() => api.close());
  return {
    sandbox,
    get api() {
      return api;
    },
    async completedVideo() {
      const { video_id: id } = await api.createVideo({
        type: 'avatar',
        avatar_id: 'lk_alex_office',
        voice_id: 'v_en_m_01',
        script: 'Hello.',
      });
      for (;;) {
        const video = await api.getVideo(id);
        if (video.status === 'completed') return { id, url: video.video_url! };
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    downloads: () => sandbox.counters.requests['GET /download/:id'] ?? 0,
  };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
