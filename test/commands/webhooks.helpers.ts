// Plumbing shared by the webhooks tests: a recording HTTP server (the --forward-to target),
// free ports, and `twin webhooks listen` run in-process until it exits or is "Ctrl-C"ed.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { runTwin, until, type RunOptions, type RunResult } from '../helpers/harness.js';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

export interface Recorder {
  url: string;
  got: Recorded[];
  close(): Promise<void>;
}

/** A server that answers `status` and keeps every request it got, bytes and headers. */
export async function startRecorder(status = 200): Promise<Recorder> {
  const got: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    got,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on right now (the OS picks it, we let it go again). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Listening {
  port: number;
  url: string;
  /** Simulates Ctrl-C. */
  stop(): void;
  result: Promise<RunResult>;
}

/** Starts `twin webhooks listen --port <free> ...args` and resolves once it answers. */
export async function listen(args: string[], opts: RunOptions & { port?: number } = {}): Promise<Listening> {
  const port = opts.port ?? (await freePort());
  const controller = new AbortController();
  const result = runTwin(['webhooks', 'listen', '--port', String(port), ...args], { ...opts, signal: controller.signal });
  let exited = false;
  void result.finally(() => (exited = true));
  const url = `http://127.0.0.1:${port}/`;
  await until(async () => {
    if (exited) return true;
    return fetch(url).then(
      (r) => r.ok,
      () => false,
    );
  }, `the listener on port ${port}`);
  return { port, url, stop: () => controller.abort(), result };
}
