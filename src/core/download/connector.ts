// Sockets for downloads that read into a few reused buffers instead of a fresh one per read.
// By default every socket read allocates a new 64 KiB buffer, which at hundreds of MB/s piles
// up tens of MB of garbage and costs collections and page faults. Here each connection gets a
// ring of READ_SLOTS buffers (net.Socket's `onread` option, passed through undici's own
// connector, so connect timeout, keep-alive and TLS stay undici's): the kernel reads into the
// next slot, and the bytes are handed to undici as a view of it. That is safe because a chunk
// is consumed before the socket reads again: `push` returns false once the stream holds its
// high-water mark (one slot), which stops reading until undici has parsed the chunk and the
// downloader has hashed and written it, synchronously. A slot is reused only READ_SLOTS reads
// later, far beyond anything undici keeps (a header block split across two reads); a chunk
// undici must keep while paused is re-queued as a copy when two are joined.
import type { Socket } from 'node:net';
import { Agent, interceptors, type Dispatcher } from '../../api/undici.js';
// @ts-expect-error -- undici ships no types for its internal modules; buildConnector's public type applies
import buildConnectorImpl from 'undici/lib/core/connect.js';
import type { buildConnector as buildConnectorType } from 'undici';

const buildConnector = buildConnectorImpl as typeof buildConnectorType;

/** Bytes per socket read: bigger reads mean fewer events per MB. */
export const READ_SLOT_BYTES = 256 * 1024;
const READ_SLOTS = 4;

function reusedBufferConnector(options: buildConnectorType.BuildOptions): buildConnectorType.connector {
  return (opts, callback) => {
    const slots = Array.from({ length: READ_SLOTS }, () => Buffer.allocUnsafe(READ_SLOT_BYTES));
    let next = 0;
    let socket: Socket | undefined;
    const connect = buildConnector({
      ...options,
      // Not in undici's BuildOptions type, but passed on to net.connect / tls.connect as is.
      ...({
        onread: {
          buffer: () => slots[(next = (next + 1) % READ_SLOTS)]!,
          callback: (bytes: number, buffer: Buffer) => socket!.push(buffer.subarray(0, bytes)),
        },
      } as object),
      // High-water mark of one slot: reading stops after each read until it is consumed.
      ...({ highWaterMark: READ_SLOT_BYTES } as object),
    });
    socket = connect(opts, callback) as unknown as Socket;
    return socket;
  };
}

/**
 * The dispatcher downloads use: sockets with reused read buffers, redirects followed (asset
 * hosts may redirect to a CDN), keep-alive for the captions and thumbnail that follow a video.
 * `connect` adds connector options (e.g. a `ca` for a test server).
 */
export function downloadDispatcher(connect: buildConnectorType.BuildOptions = {}): Dispatcher {
  return new Agent({ connect: reusedBufferConnector({ timeout: 15_000, ...connect }) }).compose(
    interceptors.redirect({ maxRedirections: 5 }),
  );
}
