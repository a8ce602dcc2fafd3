// The parts of undici this tool uses, imported from undici's own modules instead of its index:
// the index also loads fetch, cookies and WebSocket, which touch Node's global Headers and pull
// in Node's internal copy of undici too. Measured: ~40 ms less CPU at start-up for every API
// command. This mirrors what undici's index.js does for these pieces (Dispatcher + api mixin),
// with only the `request` method of the mixin, the one twin calls (not stream, pipeline, ...).
// @ts-expect-error -- undici ships no types for its internal modules; the public types below apply
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
// @ts-expect-error -- see above
import AgentImpl from 'undici/lib/dispatcher/agent.js';
// @ts-expect-error -- see above
import request from 'undici/lib/api/api-request.js';
// @ts-expect-error -- see above
import redirect from 'undici/lib/interceptor/redirect.js';
import type { Agent as AgentType, Dispatcher, interceptors as interceptorsType } from 'undici';

Object.assign((DispatcherBase as { prototype: object }).prototype, { request });

export const Agent = AgentImpl as typeof AgentType;
export const interceptors = { redirect } as Pick<typeof interceptorsType, 'redirect'>;
export type { Dispatcher };

/**
 * Ends a dispatcher's connections now. undici would end each socket with a ClientDestroyedError
 * whose stack Node reads (streams do, to free it), and a stack that points into the bundled
 * command line makes V8 index every line of it: ~14 million instructions at each exit.
 * The error given instead has no stack frames; nothing is in flight when twin closes.
 */
export function destroyQuietly(dispatcher: Pick<Dispatcher, 'destroy'>): Promise<void> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let error: Error;
  try {
    error = Object.assign(new Error('The client is destroyed'), { name: 'ClientDestroyedError', code: 'UND_ERR_DESTROYED' });
  } finally {
    Error.stackTraceLimit = limit;
  }
  return dispatcher.destroy(error);
}
