// A sandbox holding one finished twin video ("Launch"), for the tests of what comes after a render
// (translation, its files and its waits): the video is created through the API and has rendered
// by the time the promise resolves.
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

export async function sandboxWithVideo(renderMs = 30): Promise<{ sandbox: Sandbox; api: HeyGenClient; videoId: string }> {
  const sandbox = await startSandbox({ renderMs, concurrencyLimit: 100 });
  const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  const v = await api.createVideo({
    type: 'avatar',
    avatar_id: 'lk_alex_office',
    voice_id: 'v_en_m_01',
    script: 'Welcome to the launch.',
    title: 'Launch',
  } as never);
  await new Promise((r) => setTimeout(r, renderMs * 2 + 20));
  return { sandbox, api, videoId: v.video_id };
}

export async function closeSandboxWithVideo(world: { sandbox: Sandbox; api: HeyGenClient }): Promise<void> {
  await world.api.close();
  await world.sandbox.close();
}
