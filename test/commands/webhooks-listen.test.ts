// `twin webhooks listen` end to end in-process: the sandbox renders videos and delivers signed
// events over real HTTP; the listener prints, verifies, de-duplicates and forwards them.
import { afterEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign, verify } from '../../src/shared/webhook-signature.js';
import { runTwin, sandboxCall, until } from '../helpers/harness.js';
import { freePort, listen, startRecorder, type Recorder } from './webhooks.helpers.js';

const recorders: Recorder[] = [];
const RENDER_MS = 1200;
const sb = useSandbox({ renderMs: RENDER_MS });
afterEach(async () => {
  sb.options.renderMs = RENDER_MS;
  await Promise.all(recorders.splice(0).map((r) => r.close()));
  // Endpoints of one test must not send events to the next test's listener.
  const list = await api('GET', '/v3/webhooks/endpoints?limit=100');
  for (const ep of list.data) await api('DELETE', `/v3/webhooks/endpoints/${ep.endpoint_id}`);
});

const api = (method: string, path: string, body?: unknown) => sandboxCall(sb, method, path, body);

async function createVideo(extra: Record<string, unknown> = {}): Promise<string> {
  const body = { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hello from the webhooks test.', ...extra };
  return (await api('POST', '/v3/videos', body)).data.video_id;
}

/** Registers an endpoint on the sandbox for a listener on `port`, through `twin webhooks create`. */
async function endpointFor(port: number): Promise<string> {
  const url = `http://127.0.0.1:${port}/hooks`;
  const r = await runTwin(['webhooks', 'create', '--url', url, '--events', 'avatar_video.success,avatar_video.fail', '--json'], {
    sandbox: sb,
  });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).secret;
}

async function recorder(): Promise<Recorder> {
  const r = await startRecorder();
  recorders.push(r);
  return r;
}

function signed(body: string, secret: string, extra: Record<string, string> = {}): Record<string, string> {
  const ts = String(Math.floor(Date.now() / 1000));
  return { 'content-type': 'application/json', [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: sign(secret, ts, body), ...extra };
}

describe('twin webhooks listen', () => {
  it('prints and forwards the success and failure events the sandbox delivers', async () => {
    const port = await freePort();
    const secret = await endpointFor(port);
    const target = await recorder();
    const l = await listen(['--secret', secret, '--forward-to', target.url], { port });

    const ok = await createVideo({ callback_id: 'cb-ok' });
    const bad = await createVideo({ callback_id: 'cb-bad' });
    sb.inject({ kind: 'fail-render', videoId: bad, failureMessage: 'Avatar footage unusable' });
    await until(() => target.got.length >= 2, 'two forwarded events');
    l.stop();
    const { code, stdout, stderr } = await l.result;

    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const success = lines.find((x) => x.includes('avatar_video.success'))!;
    expect(success).toContain(`video_id=${ok}`);
    expect(success).toContain('callback_id=cb-ok');
    expect(success).toMatch(/url=http/);
    const failure = lines.find((x) => x.includes('avatar_video.fail'))!;
    expect(failure).toContain(`video_id=${bad}`);
    expect(failure).toContain('msg="Avatar footage unusable"');

    // The forward carries the sandbox's bytes and headers untouched: the signature still verifies.
    for (const got of target.got) {
      expect(got.url).toBe('/hooks');
      expect(verify(secret, got.headers, got.raw)).toMatchObject({ ok: true });
      expect(got.headers[EVENT_ID_HEADER]).toBe(JSON.parse(got.raw.toString()).event_id);
    }
    const forwardedIds = target.got.map((g) => JSON.parse(g.raw.toString()).event_data.video_id).sort();
    expect(forwardedIds).toEqual([ok, bad].sort());

    expect(stderr).toContain(`Listening for webhooks on http://127.0.0.1:${port}/`);
    expect(stderr).toMatch(new RegExp(`forwarded evt_\\w+ to ${target.url}: 200`));
    expect(stderr).toMatch(/Stopped after \d+s: 2 events, 2 forwarded\./);
    expect(stderr).not.toContain('signatures are not checked');
    // Said once, on the first event: which scheme the sandbox's default signing verified under.
    const said = stderr.split('\n').filter((x) => x.startsWith('Signature verified with'));
    expect(said).toEqual([
      'Signature verified with x-heygen-signature: hex HMAC-SHA256 of the raw body, keyed with the secret as given (x-heygen-signature/body/secret/hex).',
    ]);
  });

  it('rejects tampered, wrongly signed and unsigned requests with 400 and prints a redelivery once (--json lines)', async () => {
    const secret = 'whsec_local_secret';
    const l = await listen(['--secret', secret, '--json']);
    const body = JSON.stringify({
      event_id: 'evt_1',
      event_type: 'avatar_video.success',
      event_data: { video_id: 'v_1', url: 'https://x/v.mp4', callback_id: null },
    });
    const send = (b: string, headers: Record<string, string>) => fetch(l.url, { method: 'POST', body: b, headers }).then((r) => r.status);

    expect(await send(body.replace('v_1', 'v_2'), signed(body, secret))).toBe(400);
    expect(await send(body, signed(body, 'whsec_wrong'))).toBe(400);
    expect(await send(body, { 'content-type': 'application/json' })).toBe(400);
    expect(await send(body, signed(body, secret, { [EVENT_ID_HEADER]: 'evt_1' }))).toBe(200);
    expect(await send(body, signed(body, secret, { [EVENT_ID_HEADER]: 'evt_1' }))).toBe(200);
    l.stop();
    const { code, stdout, stderr } = await l.result;

    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x));
    expect(lines).toEqual([
      {
        received_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        event_id: 'evt_1',
        event_type: 'avatar_video.success',
        video_id: 'v_1',
        callback_id: null,
        verified: true,
        signature_scheme: 'heygen-signature/timestamp.body/secret/hex',
        event_data: { video_id: 'v_1', url: 'https://x/v.mp4', callback_id: null },
      },
    ]);
    const warnings = stderr.split('\n').filter((x) => x.includes('Rejected POST /'));
    expect(warnings).toHaveLength(3);
    expect(warnings.filter((x) => x.includes('signature does not verify under any known scheme'))).toHaveLength(2);
    expect(
      warnings.filter((x) => x.includes('no signature header (looked for x-heygen-signature, signature, heygen-signature')),
    ).toHaveLength(1);
  });

  it('without --secret accepts unsigned callback_url deliveries and warns once', async () => {
    const target = await recorder();
    const l = await listen(['--forward-to', target.url]);
    const id = await createVideo({ callback_url: `${l.url}cb`, callback_id: 'unsigned' });
    await until(() => target.got.length > 0, 'the forwarded callback');
    l.stop();
    const { code, stdout, stderr } = await l.result;
    expect(code).toBe(0);
    expect(stdout).toContain(`video_id=${id}`);
    expect(stderr.match(/signatures are not checked/g)).toHaveLength(1);
  });

  it('--exit-on exits 0 when that video succeeds', async () => {
    const port = await freePort();
    const secret = await endpointFor(port);
    sb.options.renderMs = 2000; // the videos exist before the listener does: leave it time to start
    // Another video finishes first: its event is printed but does not end the wait.
    const other = await createVideo();
    await new Promise((r) => setTimeout(r, 400));
    const id = await createVideo();
    const l = await listen(['--secret', secret, '--exit-on', id, '--timeout', '20s'], { port });
    const { code, stdout, stderr } = await l.result;
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`avatar_video.success  video_id=${other}`);
    expect(lines[1]).toContain(`avatar_video.success  video_id=${id}`);
    expect(stderr).toContain(`Waiting for video ${id}`);
  });

  it('--exit-on exits 5 when that video fails, naming the failure', async () => {
    const port = await freePort();
    const secret = await endpointFor(port);
    sb.options.renderMs = 2000; // the video exists before the listener does: leave it time to start
    const id = await createVideo();
    sb.inject({ kind: 'fail-render', videoId: id, failureMessage: 'Script rejected by moderation' });
    const l = await listen(['--secret', secret, '--exit-on', id, '--timeout', '20s'], { port });
    const { code, stdout, stderr } = await l.result;
    expect(code).toBe(5);
    expect(stdout).toContain(`avatar_video.fail  video_id=${id}`);
    expect(stderr).toContain(`Error: Video ${id} failed: Script rejected by moderation`);
  });

  it('Ctrl-C before the --exit-on video finishes is exit 130; --timeout is exit 4', async () => {
    const waiting = await listen(['--exit-on', 'v_never']);
    waiting.stop();
    const interrupted = await waiting.result;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('twin video wait v_never');

    const timed = await (await listen(['--exit-on', 'v_never', '--timeout', '300ms'])).result;
    expect(timed.code).toBe(4);
    expect(timed.stderr).toContain('No event for video v_never arrived within --timeout');
  });

  it.each([
    [['--events', 'avatar_video.sucess'], '--events', 'Did you mean "avatar_video.success"?'],
    [['--timeout', '5m'], '--timeout', 'only applies with --exit-on'],
    [['--exit-on', 'v1', '--events', 'batch.finished'], '--events', 'leaves both out'],
    [['--forward-to', 'ftp://example.com/x'], '--forward-to', 'http:// or https://'],
    [['--tolerance', 'soon'], '--tolerance', 'not a duration'],
    [['--port', '70000'], '--port', 'at most 65535'],
  ])('bad input %j is exit 2 naming the flag', async (args, flag, text) => {
    const r = await runTwin(['webhooks', 'listen', '--port', '0', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).toContain(text);
    expect(r.stderr).not.toContain('Listening');
  });

  it('a port already in use is exit 2 naming --port', async () => {
    const busy = await recorder();
    const port = new URL(busy.url).port;
    const r = await runTwin(['webhooks', 'listen', '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--port ${port}: the port is already in use`);
  });
});
