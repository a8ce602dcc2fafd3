// Contract §1.3: has_more and next_token are optional in the official list envelopes. Against a
// sandbox that leaves them out (omitOptional), every list command reads the page as the last one.
import { describe, expect, it } from 'vitest';
import { runTwin } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ omitOptional: true, renderMs: 200 });

describe('list commands when the API omits has_more and next_token', () => {
  it.each([
    [['looks', 'list'], 'looks'],
    [['voices', 'list', '--limit', '100'], 'voices'],
    [['video', 'list'], 'videos'],
    [['webhooks', 'list'], 'endpoints'],
    [['webhooks', 'events'], 'events'],
    [['webhooks', 'event-types'], 'event_types'],
  ])('twin %j --json exits 0 with has_more false and next_token null', async (argv, noun) => {
    const res = await runTwin([...argv, '--json'], { sandbox });
    expect(res.stderr).not.toMatch(/malformed/);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ has_more: false, next_token: null });
    expect(Array.isArray(out[noun])).toBe(true);
  });

  it('follows pages with --all and stops on the page without has_more', async () => {
    const res = await runTwin(['voices', 'list', '--all', '--json'], { sandbox });
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.voices.length).toBe(70);
    expect(out).toMatchObject({ has_more: false, next_token: null });
  });
});

describe('single resources with their optional fields left out (omitOptional)', () => {
  it('looks get, voices get, auth status, webhooks create/list, video create --wait and video get all work', async () => {
    for (const argv of [
      ['looks', 'get', 'lk_alex_office'],
      ['voices', 'get', 'v_en_f_01'],
      ['auth', 'status'],
      ['webhooks', 'create', '--url', 'https://example.com/h'],
      ['webhooks', 'list'],
    ]) {
      const res = await runTwin([...argv, '--json'], { sandbox });
      expect(res.code, `${argv.join(' ')}: ${res.stderr}`).toBe(0);
      expect(res.stderr).not.toMatch(/malformed/);
    }
    const created = await runTwin(['video', 'create', '--look', 'lk_alex_office', '--script', 'Optional fields.', '--wait', '--json'], {
      sandbox,
    });
    expect(created.code, created.stderr).toBe(0);
    const id = JSON.parse(created.stdout).video_id;
    const got = await runTwin(['video', 'get', id, '--json'], { sandbox });
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).not.toHaveProperty('failure_code'); // absent, not null, on this wire
  });
});
