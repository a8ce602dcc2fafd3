// One multipart/form-data body with one file part, as POST /v3/assets takes it (contract §8). Built
// whole in memory: only files up to 32 MB go this way, and a retry must resend the same bytes.
import { randomBytes } from 'node:crypto';

export function multipartBody(
  field: string,
  file: { name: string; mime: string; bytes: Uint8Array },
): { contentType: string; bytes: Buffer } {
  const boundary = `----twin${randomBytes(16).toString('hex')}`;
  // Quotes, backslashes and line breaks would end the header early; the API does not need them.
  const filename = file.name.replace(/["\\\r\n]/g, '_');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${file.mime}\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([Buffer.from(head, 'utf8'), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}
