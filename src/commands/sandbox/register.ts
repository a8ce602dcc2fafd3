// `twin sandbox`: registration only; the emulator loads when the command runs.
import type { Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';

export function registerSandbox(command: Command, act: Act): void {
  command
    .option('--port <n>', 'port to listen on; 0 picks a free one', '4010')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--render-time <duration>', 'how long each render takes', '8s')
    .option('--concurrency-limit <n>', 'renders in flight before POST /v3/videos answers 429 (default 10)')
    .option('--url-ttl <duration>', 'lifetime of presigned download URLs (default 1h)')
    .option('--video-bytes <size>', 'serve a synthetic file of this size instead of the sample MP4, e.g. 1GiB')
    .option('--rate-429 <p>', 'probability (0-1) that an API request answers 429')
    .option('--rate-5xx <p>', 'probability (0-1) that an API request answers 500 or 503')
    .option('--drop-before <p>', 'probability (0-1) that a connection is dropped before the request is handled')
    .option('--drop-after <p>', 'probability (0-1) that a connection is dropped after the request was handled')
    .option('--fail-render <p>', 'probability (0-1) that a render ends failed')
    .option(
      '--truncate-at <bytes>',
      'cut the connection of the first download that reaches this byte offset; comma-separate several, e.g. 1MiB,2MiB',
    )
    .option('--stall-at <bytes>', 'pause the first download that reaches this byte offset; comma-separate several')
    .option('--stall-for <duration>', 'how long each --stall-at pause lasts (default 5s; twin gives up on a silent connection after 30s)')
    .option('--ignore-range', 'downloads ignore Range and always send the whole file')
    .option(
      '--lie-length <bytes>',
      'downloads announce this many bytes more than they send (Content-Length lies), then close the connection',
    )
    .option('--omit-checksum', 'downloads send no x-amz-checksum-sha256 header')
    .option(
      '--webhook-scheme <scheme>',
      'how deliveries are signed: x-heygen-signature (default: hex HMAC of the raw body), signature, heygen-signature (timestamped), sha256-base64, whsec-v1, or header/message/key/encoding[/prefix]',
    )
    .option('--omit-optional', 'leave optional fields that are null (and has_more/next_token on last pages) out of answers')
    .option('--retry-after <seconds>', 'Retry-After sent with the 429s of --rate-429 (default 1), e.g. 3600')
    .option('--garble-creates <n>', 'the first n POST /v3/videos create the video, then answer a 200 cut in half')
    .option('--hang-status <n>', 'the first n status reads (GET /v3/videos/{id}, /v3/videos/statuses) never answer')
    .option('--garble-status <n>', 'the first n GET /v3/videos/{id} answer a 200 cut in half (not JSON)')
    .option('--lag-reads <n>', 'the first n GET /v3/videos/{id} answer 404, as reads right after a create can')
    .option('--huge-body <size>', 'the first GET /v3/videos/{id} answers a JSON body of this size, e.g. 64MiB')
    .option('--seed <n>', 'seed for the random faults, for repeatable runs')
    .option('--verbose', 'log one line per request on stderr')
    .addHelpText(
      'after',
      examples([
        [
          'start it, then point twin at it from another shell',
          'twin sandbox\n  $ export HEYGEN_API_BASE=http://127.0.0.1:4010 HEYGEN_API_KEY=sandbox-key',
        ],
        ['a flaky API for testing your scripts', 'twin sandbox --rate-429 0.2 --rate-5xx 0.1 --fail-render 0.1 --verbose'],
        ['big files whose links expire quickly', 'twin sandbox --video-bytes 1GiB --url-ttl 30s'],
        [
          'downloads that break at 30 % and 60 %, then stall',
          'twin sandbox --video-bytes 100MiB --truncate-at 30MiB,60MiB --stall-at 90MiB --stall-for 40s',
        ],
        ['a file host whose Content-Length lies on every response', 'twin sandbox --lie-length 1KiB --ignore-range'],
        ['sign webhooks the timestamped way, answer tersely', 'twin sandbox --webhook-scheme heygen-signature --omit-optional'],
        [
          'creates whose answer is lost, a status read that hangs, hour-long rate limits',
          'twin sandbox --garble-creates 5 --hang-status 1 --rate-429 0.3 --retry-after 3600',
        ],
      ]),
    )
    .action(act(() => import('./run.js')));
}
