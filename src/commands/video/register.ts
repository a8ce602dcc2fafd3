import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { choicesCheckedBySchema, examples } from '../options.js';
import {
  POLL_BACKOFF_CAP,
  ASPECT_RATIOS,
  ENGINES,
  EXPRESSIVENESS_LEVELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  SCRIPT_MAX_CHARS,
  VOICE_PITCH,
  VOICE_SPEED,
  VOICE_VOLUME,
} from '../../shared/video-facts.js';
import { addListOptions } from '../list-options.js';

export function registerVideo(parent: Command, act: Act): void {
  registerCreate(parent, act);

  parent
    .command('get')
    .description('Show one video: status, duration, download URLs (short-lived), failure details')
    .argument('<video-id>', 'the video id printed by `twin video create`')
    .addHelpText(
      'after',
      examples([
        ['status and URLs of a video', 'twin video get 3f2a9c'],
        ['just the status, for scripts', 'twin video get 3f2a9c --json | jq -r .status'],
      ]),
    )
    .action(act(() => import('./get.js')));

  addListOptions(
    parent
      .command('list')
      .description('List your videos, newest first')
      .option('--title <text>', 'only videos whose title contains this text'),
    'videos',
    10,
  )
    .addHelpText(
      'after',
      examples([
        ['the ten newest videos', 'twin video list'],
        ['every video with "onboarding" in its title, ids only', 'twin video list --title onboarding --all --quiet'],
        [
          'the next ten, in a script (next_token of the --json listing)',
          'twin video list --token "$(twin video list --json | jq -r .next_token)"',
        ],
      ]),
    )
    .action(act(() => import('./list.js')));

  parent
    .command('delete')
    .description('Delete a video permanently (asks first; --yes when there is no terminal)')
    .argument('<video-id>', 'the video id')
    .option('-y, --yes', 'do not ask; needed in scripts and CI')
    .addHelpText(
      'after',
      examples([
        ['delete after confirming', 'twin video delete 3f2a9c'],
        ['in a script', 'twin video delete 3f2a9c --yes'],
      ]),
    )
    .action(act(() => import('./delete.js')));
}

function registerCreate(parent: Command, act: Act): void {
  const create = parent
    .command('create')
    .description('Create a Digital Twin video; checked before any credit is spent. Missing values on a terminal open the wizard.')
    .optionsGroup('What to render:')
    .option('--look <id>', 'the look to render (avatar_id; see `twin looks list`)')
    .option('--voice <id>', "voice id (see `twin voices list`); default: the look's default voice")
    .option('--script <text>', `what the avatar says (at most ${SCRIPT_MAX_CHARS} characters)`)
    .option('--script-file <path>', 'read the script from a file, or - for stdin')
    .option(
      '--audio <source>',
      'lip-sync to this audio instead of a script: a local mp3/wav file (uploaded once), an https URL, or asset:ID',
    )
    .option('--audio-url <url>', 'lip-sync to this public audio URL instead of a script')
    .option('--title <title>', 'title in the HeyGen dashboard')
    .option(
      '--scenes <file>',
      'EXPERIMENTAL in the API: a multi-scene video from a scene file (talking scenes, slides, clips; see `twin scenes check`)',
    )
    .option('--max-minutes <n>', 'with --scenes: refuse when the estimated length is longer')
    .optionsGroup('Picture:')
    .addOption(new Option('--resolution <res>', 'output resolution (default 1080p)').choices(RESOLUTIONS))
    .addOption(new Option('--aspect-ratio <ratio>', 'output aspect ratio (default auto: as the look)').choices(ASPECT_RATIOS))
    .addOption(
      new Option(
        '--engine <engine>',
        'avatar_iv (default), avatar_v, or avatar_iii (Digital Twin, 4K capable; no motion prompt or expressiveness), if the look supports it',
      ).choices(ENGINES),
    )
    .option('--reference-look <id>', 'Avatar V: an instant-avatar look of the same avatar to drive motion')
    .option('--motion-prompt <text>', 'body motion and gestures in words (Digital Twins: Avatar V only)')
    .addOption(new Option('--expressiveness <level>', 'Avatar IV only (API default low)').choices(EXPRESSIVENESS_LEVELS))
    .option('--remove-background', 'remove the background (the look needs matting)')
    .addOption(new Option('--no-remove-background', 'keep the background even if your settings remove it').hideHelp())
    .option('--background <bg>', "'#RRGGBB', a local png/jpeg file (uploaded once), an https:// image URL, or asset:ID")
    .addOption(new Option('--fit <fit>', 'how the avatar fills the frame').choices(FITS))
    .optionsGroup('Voice:')
    .option('--voice-speed <n>', `speaking speed, ${VOICE_SPEED.min} to ${VOICE_SPEED.max}`)
    .option('--voice-pitch <n>', `pitch in semitones, ${VOICE_PITCH.min} to ${VOICE_PITCH.max}`)
    .option('--voice-volume <n>', `voice volume, ${VOICE_VOLUME.min} (silent) to ${VOICE_VOLUME.max} (full, the default)`)
    .option('--voice-locale <locale>', 'accent for multilingual voices, e.g. en-US')
    .optionsGroup('Output and notifications:')
    .addOption(new Option('--output-format <format>', 'mp4, or webm for a transparent background').choices(OUTPUT_FORMATS))
    .option('--captions', 'request captions and save the .srt beside a download')
    .addOption(new Option('--no-captions', 'no captions even if your settings ask for them').hideHelp())
    .option('--callback-url <url>', 'HeyGen POSTs here when the render ends')
    .option('--callback-id <id>', 'your own id, echoed in the callback')
    .optionsGroup('The request:')
    .option('-d, --data <json>', 'request body as JSON (inline, @file, or - for stdin); flags override its fields')
    .option('--idempotency-key <key>', 're-running with the same key never renders twice (default: a new UUID)')
    .option('--dry-run', 'print the request body and the pre-flight verdict; send nothing')
    .option(
      '--audition',
      'speak the script first and save it (cents); at a terminal play it and ask before rendering exactly that audio, else print the command that does',
    )
    .option('--no-cache', 'upload local --audio/--background files even if they were uploaded before')
    .optionsGroup('After creating:')
    .option('--wait', 'wait for the render, with a spinner on a terminal')
    .option('--download [path]', 'wait, then download the video (implies --wait)')
    .option('-o, --output <path>', 'where to save the download (implies --download)')
    .option('--force', 'overwrite an existing file at the download path')
    .option('--captioned', 'burn captions into a second video and download that one')
    .option('--thumbnail', 'also download the thumbnail')
    .option('--timeout <duration>', 'give up waiting after this long, e.g. 30m (the render goes on)')
    .option('--interval <duration>', `poll from this interval, e.g. 2s, backing off to ${POLL_BACKOFF_CAP} (default: planned polls)`);

  create.addHelpText(
    'after',
    examples([
      ['render with your look and its default voice', 'twin video create --look lk_123 --script "Hello from my twin!"'],
      [
        'Avatar V, portrait, wait and download',
        'twin video create --look lk_123 --voice v_456 --engine avatar_v --aspect-ratio 9:16 --script-file intro.txt --download intro.mp4',
      ],
      ['check everything, send nothing', 'twin video create --look lk_123 --script "Hi" --dry-run'],
      ['hear it first, then render exactly what you heard', 'twin video create --look lk_123 --script-file intro.txt --audition'],
      ['a multi-scene video (experimental): twin, slides, clips', 'twin video create --scenes launch.txt --look lk_123 --wait --download'],
      [
        'Avatar III in 4K, a little quieter',
        'twin video create --look lk_123 --engine avatar_iii --resolution 4k --voice-volume 0.8 --script "Hi"',
      ],
      ['script from a pipe, id only (for scripts)', 'echo "Hi there" | twin video create --look lk_123 --script-file - --quiet'],
      ['fields without a flag, from a JSON body', `twin video create -d @body.json --title "Overrides the file"`],
      [
        'your own narration and office photo (uploaded first, once)',
        'twin video create --look lk_123 --audio narration.mp3 --background office.png',
      ],
    ]) +
      '\nDefaults come from .heygenrc and `twin config`; flags win. Exit codes: 0 ok, 1 API, 2 bad input (nothing sent), 3 auth, 4 timed out, 5 render failed.\n',
  );
  choicesCheckedBySchema(create).action(act(() => import('./create.js')));
}
