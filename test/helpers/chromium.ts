// Headless Chromium driven over the DevTools protocol (undici's WebSocket; no playwright, no
// downloaded browser). Tests that need it skip, saying why, where no chromium is installed
// (CI installs Debian's `chromium` package: see .ci/run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The browser's path, or undefined with the reason it is missing. */
export function findChromium(): { path?: string; reason?: string } {
  const configured = process.env.CHROMIUM_PATH;
  for (const name of configured ? [configured] : CANDIDATES) {
    const found = spawnSync('sh', ['-c', `command -v "$0"`, name], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return { path: found.stdout.trim() };
  }
  return {
    reason: `no Chromium found (tried ${configured ?? CANDIDATES.join(', ')}; install Debian's chromium package or set CHROMIUM_PATH)`,
  };
}

export interface Page {
  /** Evaluates an expression in the page (promises awaited) and returns its JSON value. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  send(method: string, params?: Record<string, unknown>): Promise<any>;
  /** Dialogs (alert, confirm...) the page opened: a script ran that should not have. */
  dialogs: string[];
  /** Requests the page tried to make, by URL. */
  requests: string[];
  /** Console messages, with CSP violations among them. */
  console: string[];
  resize(width: number, height: number, mobile?: boolean): Promise<void>;
  goto(url: string): Promise<void>;
}

export interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(path: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'twin-chromium-'));
  const child: ChildProcess = spawn(
    path,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--mute-audio',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${text.slice(-500)}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${text.slice(-500)}`)));
  });
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', reject, { once: true });
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, (method: string, params: any) => void>();
  ws.addEventListener('message', (event) => {
    const msg = JSON.parse(String(event.data));
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`${msg.error.message} ${msg.error.data ?? ''}`));
      else p?.resolve(msg.result);
    } else if (msg.sessionId) listeners.get(msg.sessionId)?.(msg.method, msg.params);
  });
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<any>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  return {
    async newPage() {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const page: Page = {
        dialogs: [],
        requests: [],
        console: [],
        send: (method, params) => send(method, params, sessionId),
        async evaluate(expression) {
          const res = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
          if (res.exceptionDetails) throw new Error(`page: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
          return res.result.value;
        },
        async resize(width, height, mobile = false) {
          await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile }, sessionId);
        },
        async goto(url) {
          const loaded = new Promise<void>((resolve) => (onLoad = resolve));
          await send('Page.navigate', { url }, sessionId);
          await loaded;
        },
      };
      let onLoad: () => void = () => {};
      listeners.set(sessionId, (method, params) => {
        if (method === 'Page.loadEventFired') onLoad();
        if (method === 'Page.javascriptDialogOpening') {
          page.dialogs.push(params.message);
          void send('Page.handleJavaScriptDialog', { accept: true }, sessionId);
        }
        if (method === 'Network.requestWillBeSent') page.requests.push(params.request.url);
        if (method === 'Runtime.consoleAPICalled') page.console.push(params.args.map((a: any) => a.value ?? a.description).join(' '));
        if (method === 'Log.entryAdded') page.console.push(params.entry.text);
      });
      await Promise.all(['Page.enable', 'Runtime.enable', 'Network.enable', 'Log.enable'].map((m) => send(m, {}, sessionId)));
      return page;
    },
    async close() {
      ws.close();
      child.kill('SIGKILL');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      // Chromium's helper processes can still be writing to the profile for a moment after the
      // browser is gone (ENOTEMPTY): retry, and never fail a test over a temp folder.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch {
        // left in the temp folder
      }
    },
  };
}
