import type { Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { addListOptions } from '../list-options.js';

const EVENTS_HELP = 'comma-separated event types (see `twin webhooks event-types`)';
const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerWebhooks(webhooks: Command, act: Act): void {
  webhooks
    .command('create')
    .description('Register an HTTPS endpoint for webhook events; prints its signing secret once')
    .option('--url <url>', 'where HeyGen POSTs events (https; http only to localhost)')
    .option('--events <list>', `${EVENTS_HELP}; default: all events`)
    .option('--entity-id <id>', 'only events about this resource (e.g. one video id)')
    .addHelpText(
      'after',
      examples([
        [
          'get told when any video finishes or fails',
          'twin webhooks create --url https://example.com/heygen --events avatar_video.success,avatar_video.fail',
        ],
        ['keep the secret for your receiver', 'twin webhooks create --url https://example.com/heygen --json | jq -r .secret'],
      ]),
    )
    .action(act(() => import('./create.js')));

  addListOptions(webhooks.command('list').description('List registered webhook endpoints'), 'endpoints', 10)
    .addHelpText('after', examples([['every endpoint, ids only', 'twin webhooks list --all --quiet']]))
    .action(act(() => import('./list.js')));

  webhooks
    .command('update')
    .description("Change an endpoint's URL or events")
    .argument('<id>', 'endpoint id (see `twin webhooks list`)')
    .option('--url <url>', 'new receiver URL (https; http only to localhost)')
    .option('--events <list>', `${EVENTS_HELP}; REPLACES the whole list; "all" for every event`)
    .addHelpText(
      'after',
      examples([
        [
          'subscribe to successes and failures only (replaces the list)',
          'twin webhooks update ep_123 --events avatar_video.success,avatar_video.fail',
        ],
      ]),
    )
    .action(act(() => import('./update.js')));

  webhooks
    .command('delete')
    .description('Delete an endpoint permanently (asks first; --yes without a terminal)')
    .argument('<id>', 'endpoint id (see `twin webhooks list`)')
    .option('-y, --yes', 'do not ask')
    .addHelpText('after', examples([['in a script (no terminal to ask on)', 'twin webhooks delete ep_123 --yes']]))
    .action(act(() => import('./delete.js')));

  webhooks
    .command('rotate-secret')
    .description("Replace an endpoint's signing secret; the old one stops working at once")
    .argument('<id>', 'endpoint id (see `twin webhooks list`)')
    .option('-y, --yes', 'do not ask')
    .option('--idempotency-key <key>', 'reuse a key so a re-run replays the same new secret (a random key is sent otherwise)')
    .addHelpText('after', examples([['rotate and keep the new secret', 'twin webhooks rotate-secret ep_123 --yes --json | jq -r .secret']]))
    .action(act(() => import('./rotate-secret.js')));

  webhooks
    .command('event-types')
    .description('List the event types an endpoint can subscribe to')
    .addHelpText('after', examples([['names only, one a line', 'twin webhooks event-types --quiet']]))
    .action(act(() => import('./event-types.js')));

  const events = webhooks
    .command('events')
    .description('Show the history of delivered events')
    .option('--type <event-type>', 'only this event type, e.g. avatar_video.fail')
    .option('--entity-id <id>', 'only events about this resource (e.g. a video id)');
  addListOptions(events, 'events', 10)
    .addHelpText(
      'after',
      examples([
        ['recent failures', 'twin webhooks events --type avatar_video.fail --limit 20'],
        ['everything about one video, as JSON', 'twin webhooks events --entity-id VIDEO_ID --all --json'],
      ]),
    )
    .action(act(() => import('./events.js')));

  webhooks
    .command('listen')
    .description('Run a local receiver: verify, de-duplicate, print and forward events')
    .option('--port <n>', 'port to listen on; 0 picks a free one (default 4242)')
    .option('--host <address>', 'address to bind (default 127.0.0.1, this machine only)')
    .option('--path <path>', 'accept deliveries only at this path (default: any path)')
    .option('--secret <whsec_...>', 'signing secret to verify with (default: $HEYGEN_WEBHOOK_SECRET); repeat during a rotation', collect)
    .option(
      '--signature-header <name>',
      'also read signatures from this header (x-heygen-signature, signature and heygen-signature always are)',
    )
    .option('--tolerance <duration>', 'when the signature covers a timestamp, reject it if further than this from now (default 300s)')
    .option('--events <list>', `${EVENTS_HELP}; others are acknowledged but not shown or forwarded`)
    .option('--forward-to <url>', 'POST each new event, raw body and original headers, to this URL')
    .option('--exit-on <video-id>', "exit when this video's event arrives: 0 on avatar_video.success, 5 on avatar_video.fail")
    .option('--timeout <duration>', 'with --exit-on: give up after this long (exit 4)')
    .addHelpText(
      'after',
      examples([
        [
          'print every verified event (Ctrl-C stops; exit 0 with a summary)',
          'twin webhooks listen --port 4242 --secret "$HEYGEN_WEBHOOK_SECRET"',
        ],
        ['pass events on to your app while developing', 'twin webhooks listen --forward-to http://localhost:3000/webhooks/heygen'],
        [
          'in a script: block until one video succeeds (exit 0) or fails (exit 5)',
          'twin webhooks listen --secret "$S" --exit-on "$ID" --timeout 30m',
        ],
        ['a sender that signs in a header of its own', 'twin webhooks listen --secret "$S" --signature-header x-hook-signature'],
      ]) +
        '\nSignatures: HeyGen confirms HMAC-SHA256 but not its header or format, so a delivery is accepted when it\n' +
        'verifies under any plausible scheme: header x-heygen-signature, signature or heygen-signature; the raw\n' +
        'body, or "<timestamp>.<raw body>" when a heygen-timestamp header is present; keyed with the secret as\n' +
        'given or with the base64 bytes after whsec_; hex or base64, optionally prefixed sha256= or v1=. The\n' +
        'scheme that verified is printed once, on the first event. Unsigned, tampered or wrongly signed\n' +
        'deliveries get 400; a repeat of the same signed content gets 200 and is printed once.\n',
    )
    .action(act(() => import('./listen.js')));
}
