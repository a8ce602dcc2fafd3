// §9.1: which answers to a studio create mean "this account or API does not offer it yet".
import { describe, expect, it } from 'vitest';
import { explainStudioError, isStudioUnavailable, STUDIO_UNAVAILABLE } from '../../src/core/scenes/explain.js';
import { ApiError, UsageError } from '../../src/shared/errors.js';

const api = (status: number, param?: string) => new ApiError('POST /v3/videos: nope', { status, apiCode: 'invalid_parameter', param });

describe('isStudioUnavailable', () => {
  it.each<[string, unknown, boolean]>([
    ['404', api(404), true],
    ['400 without param', api(400), true],
    ['400 param type', api(400, 'type'), true],
    ['400 param scenes', api(400, 'scenes'), true],
    ['400 inside a scene (the file is at fault)', api(400, 'scenes[2].input.avatar_id'), false],
    ['402', api(402), false],
    ['a usage error', new UsageError('x'), false],
  ])('%s → %s', (_what, error, expected) => expect(isStudioUnavailable(error)).toBe(expected));

  it('explains in one sentence, then the API message, keeping the facts', () => {
    const explained = explainStudioError(api(404)) as ApiError;
    expect(explained.message).toBe(`${STUDIO_UNAVAILABLE} The API said: POST /v3/videos: nope`);
    expect(explained).toMatchObject({ status: 404, apiCode: 'invalid_parameter', exitCode: 1 });
    const inScene = api(400, 'scenes[0].duration');
    expect(explainStudioError(inScene)).toBe(inScene);
  });
});
