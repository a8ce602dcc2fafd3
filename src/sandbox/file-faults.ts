// Hostile file hosts (issue 22): a download answered with a body that never ends (200, no
// Content-Length, real bytes of the file repeated until the client hangs up), or a redirect to
// another host. Applies to every file the sandbox serves (videos, translations, speech audio).
import type { ServerResponse } from 'node:http';
import type { BodySource } from './body-source.js';
import { takeScripted } from './faults.js';
import type { State } from './state.js';

/** Answers for a scripted file fault; false when none is queued (serve the file as usual). */
export async function fileFault(state: State, res: ServerResponse, source: BodySource, contentType: string): Promise<boolean> {
  const redirect = takeScripted(state, 'redirect-file');
  if (redirect) {
    res.writeHead(302, { Location: redirect.location, 'Content-Length': 0 });
    res.end();
    return true;
  }
  if (!takeScripted(state, 'endless-file')) return false;
  const head = Buffer.from(source.chunk(0, Math.min(source.size, 64 * 1024)));
  res.writeHead(200, { 'Content-Type': contentType });
  let open = true;
  res.once('close', () => {
    open = false;
  });
  while (open) {
    // Waits for the socket to drain, so a client that stops reading holds the loop, not memory.
    if (!res.write(head)) await new Promise((r) => res.once('drain', r).once('close', r));
    else await new Promise((r) => setImmediate(r));
  }
  return true;
}
