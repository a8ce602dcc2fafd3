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
