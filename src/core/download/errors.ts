// What a download says when it stops: how to resume, what was kept, and why it gave up. The
// code of a download that gave up is `file_download_failed`: `download_failed` is the API's
// own code (a render that could not fetch an input), never reused for our file transfers.
import { basename } from 'node:path';
import { ApiError, ClientCode, InterruptedError } from '../../shared/errors.js';

export const GAVE_UP_CODE = ClientCode.fileDownloadFailed;

export interface StopContext {
  part: string;
  resumeHint?: string;
}

export function resumeAdvice(job: StopContext, bytes?: number): string {
  const kept = bytes ? ` (${formatBytes(bytes)} kept in ${basename(job.part)})` : '';
  return job.resumeHint ? `Run \`${job.resumeHint}\` to resume${kept}.` : `Run the same command again to resume${kept}.`;
}

export function interrupted(job: StopContext, bytes: number): InterruptedError {
  return new InterruptedError(`Download interrupted at ${formatBytes(bytes)}; the partial file ${basename(job.part)} is kept.`, {
    suggestion: resumeAdvice(job),
    details: { part: job.part, bytes_on_disk: bytes },
  });
}

export function gaveUp(job: StopContext, reason: string, retries: number, bytes: number): ApiError {
  return new ApiError(`Download of ${basename(job.part.slice(0, -5))} failed: ${reason}${retries ? ` (after ${retries} retries)` : ''}.`, {
    code: GAVE_UP_CODE,
    suggestion: resumeAdvice(job, bytes),
    details: { part: job.part, bytes_on_disk: bytes, retries },
  });
}

export function describeNetworkError(error: unknown, stallMs: number): string {
  const code = (error as { code?: string })?.code;
  if (code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return `no data for ${stallMs < 1000 ? `${stallMs} ms` : `${Math.round(stallMs / 1000)} s`} (stalled)`;
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_CLOSED' || code === 'ERR_STREAM_PREMATURE_CLOSE')
    return 'the connection dropped';
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return 'the connection closed before the announced length';
  if (code === 'ECONNREFUSED') return 'the file host refused the connection';
  return (error as Error)?.message ?? String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
