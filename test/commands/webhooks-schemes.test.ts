// Contract §6.5: the real signing scheme is unconfirmed. The sandbox signs with each scheme in turn
// (its knob); `twin webhooks listen` accepts every one, says which verified (once), refuses
// unsigned, tampered and wrongly signed deliveries, and de-duplicates on the signed content.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { parseScheme, SCHEME_PRESETS } from '../../src/shared/webhook-signature.js';
import { runTwin, sandboxCall, until } from '../helpers/harness.js';
import { freePort, listen, startRecorder, type Recorder } from './webhooks.helpers.js';

const sb = useSandbox({ renderMs: 100 });
const recorders: Recorder[] = [];
const api = (method: string, path: string, body?: unknown) => sandboxCall(sb, method, path, body);
afterEach(async () => {
  sb.options.webhookScheme = parseScheme('x-heygen-signature')!;
  await Promise.all(recorders.splice(0).map((r) => r.close()));
  for (const ep of (await api('GET', '/v3/webhooks/endpoints?limit=100')).data)
    await api('DELETE', `/v3/webhooks/endpoints/${ep.endpoint_id}`);
});

async function endpoint(url: string): Promise<string> {
  return (await api('POST', '/v3/webhooks/endpoints', { url, events: ['avatar_video.success'] })).data.secret;
}
const render = () => api('POST', '/v3/videos', { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Scheme test.' });

describe('twin webhooks listen against every scheme the sandbox can sign with', () => {
  it.each(Object.keys(SCHEME_PRESETS))('%s: accepted, and the scheme is named once', async (name) => {
    sb.options.webhookScheme = parseScheme(name)!;
    const port = await freePort();
    const secret = await endpoint(`http://127.0.0.1:${port}/hooks`);
    const target = await startRecorder();
    recorders.push(target);
    const l = await listen(['--secret', secret, '--json', '--forward-to', target.url], { port, sandbox: sb });
    await render();
    await render();
    await until(() => target.got.length >= 2, 'two verified events forwarded');
    l.stop();
    const { code, stdout, stderr } = await l.result;
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x));
    expect(lines).toHaveLength(2);
    const scheme = SCHEME_PRESETS[name]!;
    const id = [scheme.header, scheme.message, scheme.key, scheme.encoding, ...(scheme.prefix ? [scheme.prefix] : [])].join('/');
    expect(lines.every((x) => x.verified === true && x.signature_scheme === id)).toBe(true);
    expect(stderr.split('\n').filter((x) => x.startsWith('Signature verified with'))).toHaveLength(1);
    expect(stderr).toContain(`(${id})`);
    expect(stderr).not.toContain('Rejected');
  });
});

describe('refusals and de-duplication, over HTTP against a delivery the sandbox signed', () => {
  it('unsigned, tampered and wrongly signed replays get 400; the genuine one re-sent (also with a new event-id header) is a duplicate', async () => {
    const port = await freePort();
    const secret = await endpoint(`http://127.0.0.1:${port}/hooks`);
    const copy = await startRecorder(); // --forward-to hands us the genuine delivery, bytes and headers
    recorders.push(copy);
    const l = await listen(['--secret', secret, '--json', '--forward-to', copy.url], { port, sandbox: sb });
    await render();
    await until(() => copy.got.length >= 1, 'the genuine delivery, forwarded');
    const genuine = copy.got[0]!;
    const headers = Object.fromEntries(
      Object.entries(genuine.headers).filter(([k]) => !['host', 'content-length', 'connection', 'transfer-encoding'].includes(k)),
    ) as Record<string, string>;
    expect(headers['x-heygen-signature']).toMatch(/^[0-9a-f]{64}$/);
    const send = (raw: Buffer | string, h: Record<string, string>) =>
      fetch(l.url, { method: 'POST', body: raw, headers: h }).then((r) => r.status);
    const unsigned = { ...headers };
    delete unsigned['x-heygen-signature'];
    const other = createHmac('sha256', 'whsec_someone_else').update(genuine.raw).digest('hex');

    expect(await send(genuine.raw, unsigned)).toBe(400);
    expect(await send(genuine.raw.toString().replace('avatar_video.success', 'avatar_video.fail'), headers)).toBe(400);
    expect(await send(genuine.raw, { ...headers, 'x-heygen-signature': other })).toBe(400);
    expect(await send(genuine.raw, { ...headers, 'x-heygen-signature': `sha256=${'ab'.repeat(32)}` })).toBe(400);
    expect(await send(genuine.raw, headers)).toBe(200);
    expect(await send(genuine.raw, { ...headers, 'heygen-event-id': 'evt_forged_new_id' })).toBe(200);
    l.stop();
    const { code, stdout, stderr } = await l.result;
    expect(code).toBe(0);
    const events = stdout
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x));
    expect(events.map((e) => e.event_id)).toEqual([JSON.parse(genuine.raw.toString()).event_id]);
    expect(stderr.split('\n').filter((x) => x.includes('Rejected POST'))).toHaveLength(4);
    expect(copy.got).toHaveLength(1); // the duplicates were not forwarded either
  });
});

describe('twin sandbox --webhook-scheme', () => {
  it('refuses an unknown scheme with exit 2 naming the flag', async () => {
    const r = await runTwin(['sandbox', '--port', '0', '--webhook-scheme', 'md5-please']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--webhook-scheme: "md5-please" is not a signing scheme.');
  });
});
