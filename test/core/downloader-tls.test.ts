// Downloads over TLS read into the same reused buffers as plain HTTP (the sandbox speaks only
// HTTP): a file served over https, cut once mid-way, arrives whole with the right SHA-256.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadDispatcher, READ_SLOT_BYTES } from '../../src/core/download/connector.js';
import { downloadFile } from '../../src/core/download/downloader.js';
import { tempDir } from '../helpers/harness.js';
import { sha256 } from './download-host.js';

// A self-signed certificate for 127.0.0.1, for this test only (valid until 2125).
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmjCCAUGgAwIBAgIURDegwwjCfI9zslVgR3QdQuukN5swCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMjA3MzEwMFoYDzIxMjYxMTA4
MDczMTAwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARV/YsAKST+DJs0pTwO9GCD+T0zVZMgytuMRDZCh49bzDkXspMnKN5Y
pA3IX8+CDuq7DOj1IRzo/B6Ol0sdUT8Eo28wbTAdBgNVHQ4EFgQUVXUtC7C99+nK
+l5642sP89aLgB8wHwYDVR0jBBgwFoAUVXUtC7C99+nK+l5642sP89aLgB8wDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
zj0EAwIDRwAwRAIgBf19kjYZsXpPYfbQK6IXpNDEgCLmDv7uOGMn8J++GVMCIBsF
3Xj4RXmDlN+S6N11n4rSxnUHn7l5bG78wycibkY3
-----END CERTIFICATE-----`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgv7NskJ9A7kr1UZCy
kH7/SLPLZab4d+kNgGLeYuBSvFGhRANCAARV/YsAKST+DJs0pTwO9GCD+T0zVZMg
ytuMRDZCh49bzDkXspMnKN5YpA3IX8+CDuq7DOj1IRzo/B6Ol0sdUT8E
-----END PRIVATE KEY-----`;

// Not a multiple of a read: every slot of the ring is reused many times over.
const body = Buffer.alloc(9 * READ_SLOT_BYTES + 1234);
for (let i = 0; i + 4 <= body.length; i += 4) body.writeUInt32LE((i * 2654435761) >>> 0, i);
const checksum = createHash('sha256').update(body).digest('base64');
let server: Server;
let requests = 0;

beforeAll(async () => {
  server = createServer({ cert: CERT, key: KEY }, (req, res) => {
    requests += 1;
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const headers = { 'content-length': body.length - start, 'x-amz-checksum-sha256': checksum, etag: '"tls"' };
    res.writeHead(start ? 206 : 200, start ? { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : headers);
    // The first response is cut at 40 %; the resumed one is sent whole.
    if (requests === 1) res.write(body.subarray(0, Math.floor(body.length * 0.4)), () => res.destroy());
    else res.end(body.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('downloadFile over https', () => {
  it('resumes a cut TLS download and verifies every byte read through the reused buffers', async () => {
    const target = join(tempDir(), 'tls.mp4');
    const dispatcher = downloadDispatcher({ ca: CERT });
    const result = await downloadFile({
      url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/v.mp4`,
      target,
      dispatcher,
      sleep: async () => {},
    });
    expect(result).toMatchObject({ bytes: body.length, retries: 1, checksumVerified: true });
    expect(result.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(sha256(target)).toBe(result.sha256);
    await dispatcher.close();
  });
});
