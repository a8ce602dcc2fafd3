// The emulation of speech, cloning, design and deletion (contract §11), through real HTTP.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mediaDurationSeconds } from '../../src/core/media/duration.js';
import { silentWav } from '../helpers/wav.js';
import { tempDir } from '../helpers/harness.js';
import { call, expectError, fakeClock, get, post, sandbox, uploadAsset } from './helpers.js';

const STARFISH = 'v_en_f_01';
const NOT_STARFISH = 'v_en_f_02';

async function speech(sb: Awaited<ReturnType<typeof sandbox>>, body: Record<string, unknown>) {
  return post(sb, '/v3/voices/speech', { voice_id: STARFISH, ...body });
}

describe('sandbox: POST /v3/voices/speech', () => {
  it('answers a URL to a playable MP3 whose length is the answered duration, with word timestamps', async () => {
    const sb = await sandbox();
    const res = await speech(sb, { text: 'Hello there, this is my twin speaking.' });
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(Object.keys(d).sort()).toEqual(['audio_url', 'duration', 'request_id', 'word_timestamps']);
    expect(d.word_timestamps.map((w: { word: string }) => w.word)).toEqual(['Hello', 'there,', 'this', 'is', 'my', 'twin', 'speaking.']);
    for (const w of d.word_timestamps) expect(w.end).toBeGreaterThan(w.start);
    expect(d.word_timestamps.at(-1).end).toBeLessThanOrEqual(d.duration);
    const audio = await fetch(d.audio_url);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await audio.arrayBuffer());
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfb]);
    const file = join(tempDir(), 'a.mp3');
    writeFileSync(file, bytes);
    expect(mediaDurationSeconds(file)).toBeCloseTo(d.duration, 2);
  });

  it('is longer for more words and shorter at a higher speed', async () => {
    const sb = await sandbox();
    const text = 'One two three four five six seven eight nine ten eleven twelve.';
    const normal = (await speech(sb, { text })).body.data.duration;
    const fast = (await speech(sb, { text, speed: 2 })).body.data.duration;
    const longer = (await speech(sb, { text: `${text} ${text}` })).body.data.duration;
    expect(fast).toBeLessThan(normal * 0.6);
    expect(longer).toBeGreaterThan(normal * 1.8);
  });

  it('refuses a voice that is not starfish (400 voice_id), an unknown one (404), and a speed out of 0.5–2 (400 speed)', async () => {
    const sb = await sandbox();
    expectError(await speech(sb, { text: 'Hi', voice_id: NOT_STARFISH }), 400, 'invalid_parameter', 'voice_id');
    expectError(await speech(sb, { text: 'Hi', voice_id: 'v_nope' }), 404, 'voice_not_found');
    expectError(await speech(sb, { text: 'Hi', speed: 2.5 }), 400, 'invalid_parameter', 'speed');
    expectError(await speech(sb, { text: 'Hi', pitch: 3 }), 400, 'invalid_parameter', 'pitch');
  });

  it('GET /v3/voices?engine=starfish lists only voices speech accepts', async () => {
    const sb = await sandbox();
    const res = await get(sb, '/v3/voices?engine=starfish&limit=100');
    const ids = res.body.data.map((v: { voice_id: string }) => v.voice_id);
    expect(ids).toContain(STARFISH);
    expect(ids).not.toContain(NOT_STARFISH);
    expect((await get(sb, '/v3/voices?engine=nonesuch')).body.data).toEqual([]);
  });
});

describe('sandbox: voice clones', () => {
  it('processing (no name yet) → complete on the clock, with a preview; listed as private meanwhile', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, cloneMs: 5000 });
    const asset = await uploadAsset(sb, silentWav(12));
    const res = await post(sb, '/v3/voices/clone', { audio: { type: 'asset_id', asset_id: asset }, voice_name: 'Me' });
    expect(res.status).toBe(200);
    const id = res.body.data.voice_clone_id;
    const early = (await get(sb, `/v3/voices/${id}`)).body.data;
    expect(early.status).toBe('processing');
    expect(early.name).toBeUndefined();
    const listed = (await get(sb, '/v3/voices?type=private')).body.data.map((v: { name: string }) => v.name);
    expect(listed).toContain('Me');
    clock.advance(5001);
    const done = (await get(sb, `/v3/voices/${id}`)).body.data;
    expect(done).toMatchObject({ voice_id: id, status: 'complete', name: 'Me', failure_message: null });
    expect(done.preview_audio_url).toMatch(/\.mp3$/);
    expect((await fetch(done.preview_audio_url)).status).toBe(200);
  });

  it('fail-clone ends failed with a message; slow-clone holds it longer; clone-limit answers 400 resource_limit_exceeded', async () => {
    const clock = fakeClock();
    const sb = await sandbox({ now: clock.now, cloneMs: 1000 });
    const audio = { type: 'url', url: 'https://example.com/me.mp3' };
    sb.inject({ kind: 'fail-clone', failureMessage: 'too noisy' });
    const failed = (await post(sb, '/v3/voices/clone', { audio, voice_name: 'A' })).body.data.voice_clone_id;
    sb.inject({ kind: 'slow-clone', ms: 60_000 });
    const slow = (await post(sb, '/v3/voices/clone', { audio, voice_name: 'B' })).body.data.voice_clone_id;
    clock.advance(1001);
    expect((await get(sb, `/v3/voices/${failed}`)).body.data).toMatchObject({ status: 'failed', failure_message: 'too noisy' });
    expect((await get(sb, `/v3/voices/${slow}`)).body.data.status).toBe('processing');
    sb.inject({ kind: 'clone-limit' });
    expectError(await post(sb, '/v3/voices/clone', { audio, voice_name: 'C' }), 400, 'resource_limit_exceeded');
  });

  it('cloneIdDiffers: the clone id leads to a voice with another voice_id', async () => {
    const sb = await sandbox({ cloneIdDiffers: true, cloneMs: 0 });
    const id = (await post(sb, '/v3/voices/clone', { audio: { type: 'url', url: 'https://example.com/a.mp3' }, voice_name: 'X' })).body.data
      .voice_clone_id;
    const voice = (await get(sb, `/v3/voices/${id}`)).body.data;
    expect(voice.voice_id).not.toBe(id);
    expect(voice.status).toBe('complete');
  });
});

describe('sandbox: design (search) and delete', () => {
  it('gives at most three voices, the same for the same prompt and seed, others for seed 1', async () => {
    const sb = await sandbox();
    const a = await post(sb, '/v3/voices', { prompt: 'calm English female narrator' });
    const b = await post(sb, '/v3/voices', { prompt: 'calm English female narrator', seed: 0 });
    const c = await post(sb, '/v3/voices', { prompt: 'calm English female narrator', seed: 1 });
    expect(a.body.data.voices).toHaveLength(3);
    expect(a.body.data.voices).toEqual(b.body.data.voices);
    expect(c.body.data.seed).toBe(1);
    expect(c.body.data.voices.map((v: { voice_id: string }) => v.voice_id)).not.toEqual(
      a.body.data.voices.map((v: { voice_id: string }) => v.voice_id),
    );
    for (const v of a.body.data.voices) expect(v).toMatchObject({ gender: 'female', language: 'English' });
    expectError(await post(sb, '/v3/voices', { prompt: '' }), 400, 'invalid_parameter', 'prompt');
  });

  it('deletes a clone once (then 404), refuses a public voice (403), 404 for unknown, 409 when in use', async () => {
    const sb = await sandbox();
    expectError(await call(sb, 'DELETE', '/v3/voices/v_nope'), 404, 'voice_not_found');
    expectError(await call(sb, 'DELETE', `/v3/voices/${STARFISH}`), 403, 'forbidden');
    sb.inject({ kind: 'voice-in-use', voiceId: 'v_clone_maya' });
    expectError(await call(sb, 'DELETE', '/v3/voices/v_clone_maya'), 409, 'conflict');
    sb.clearFaults();
    const ok = await call(sb, 'DELETE', '/v3/voices/v_clone_alex');
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ voice_id: 'v_clone_alex' });
    expectError(await call(sb, 'DELETE', '/v3/voices/v_clone_alex'), 404, 'voice_not_found');
    expectError(await get(sb, '/v3/voices/v_clone_alex'), 404, 'voice_not_found');
  });
});
