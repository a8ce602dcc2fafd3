// The response schemas are zod/mini, built on first use (start-up cost, issue 15). What a user
// sees stays the same: zod's English messages (zod/mini has no locale of its own), and a
// command builds only the schemas it reads. This file loads no classic zod, which would set
// English by itself and hide a missing locale.
import { describe, expect, it, vi } from 'vitest';
import type { ApiError } from '../../src/shared/errors.js';
import { caught, useSandboxClient, videoBody } from './helpers.js';

const env = useSandboxClient();

describe('response schemas', () => {
  it("a malformed 200 is explained with zod's English message", async () => {
    const created = await env.t.client.createVideo(videoBody());
    env.sandbox.inject({ kind: 'malformed', route: 'GET /v3/videos/:id' });
    const error = (await caught(env.t.client.getVideo(created.video_id))) as ApiError;
    expect(error.code).toBe('malformed_response');
    expect(error.message).toMatch(/ does not match the expected shape at data \(Invalid input: expected object, received \w+\)\.$/);
  });

  it('none is built until a command asks for it; then the same one is reused', async () => {
    vi.resetModules();
    const config = ((globalThis as { __zod_globalConfig?: { postProcessor?: () => void } }).__zod_globalConfig ??= {});
    let built = 0;
    config.postProcessor = () => void built++;
    try {
      const S = await import('../../src/api/schemas.js');
      await import('../../src/api/media-schemas.js');
      expect(built).toBe(0);
      const look = S.Look();
      const forLook = built;
      expect(forLook).toBeGreaterThan(0);
      expect(S.Look()).toBe(look);
      expect(S.page(look)).toBe(S.page(look));
      expect(S.single(look)).toBe(S.single(look));
      S.page(look);
      expect(built).toBeLessThan(forLook + 12); // one envelope each, not one per request
    } finally {
      delete config.postProcessor;
    }
  });
});
