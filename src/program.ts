// The commander tree: registration only, no logic. Each command's flags live in its
// noun's register.ts; its code loads only when it runs. Which commands get their verbs and
// flags for a command line is the start-up table's choice (startup/table.ts: `registered`).
import { Command } from 'commander';
import type { Act } from './commands/types.js';
import { examples } from './commands/options.js';
import { VERSION } from './shared/version.js';
import { registerLooks } from './commands/looks/register.js';
import { registerVoices } from './commands/voices/register.js';
import { registerVideo } from './commands/video/register.js';
import { registerVideoTransfer } from './commands/video/register-transfer.js';
import { registerWizard } from './commands/wizard/register.js';
import { registerBatch } from './commands/batch/register.js';
import { registerWebhooks } from './commands/webhooks/register.js';
import { registerAuth } from './commands/auth/register.js';
import { registerConfig } from './commands/config/register.js';
import { registerDoctor } from './commands/doctor/register.js';
import { registerCompletion } from './commands/completion/register.js';
import { registerSandbox } from './commands/sandbox/register.js';
import { registerDemo } from './commands/demo/register.js';
import { registerAssets } from './commands/assets/register.js';
import { registerGroups } from './commands/groups/register.js';
import { registerSay } from './commands/say/register.js';
import { registerScenes } from './commands/scenes/register.js';
import { registerTranslate } from './commands/translate/register.js';
import { registerTranslations } from './commands/translations/register.js';
import { registered } from './startup/table.js';
import { HELP_MIN_WRAP } from './ui/help-wrap.js';

export function buildProgram(act: Act, argv?: readonly string[]): Command {
  const program = new Command('twin')
    .description('Turn a script into a finished HeyGen Digital Twin video.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'print one JSON document on stdout (errors as JSON on stderr)')
    .option('-q, --quiet', 'print only ids, one a line')
    .option('--debug', 'log requests to stderr and show stack traces (the API key is never shown)')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--no-input', 'never prompt; a missing value is an error')
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: HELP_MIN_WRAP })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      examples([
        ['try the whole flow offline, on the built-in sandbox', 'twin demo'],
        ['pick look, engine and voice interactively', 'twin wizard'],
        ['render, wait and download in one go', 'twin video create --look lk_123 --voice v_456 --script "Hello!" --wait --download'],
      ]) +
        '\nExit codes: 0 ok · 1 API or network error · 2 usage · 3 auth · 4 timed out (resume with `twin video wait`) · 5 render failed · 130 interrupted\n',
    );

  const wanted = registered(argv);
  const add = (name: string, description: string, register: (command: Command) => void) => {
    const command = program.command(name).description(description);
    if (wanted(name)) register(command);
  };
  add('looks', 'Digital Twin looks (avatar_id values): list, inspect, create, consent, wait, rename, delete', (c) => registerLooks(c, act));
  add('voices', 'Voices: list, inspect, search; clone your own, wait for it, delete it', (c) => registerVoices(c, act));
  add('video', 'Create, wait for, download and manage videos', (c) => {
    registerVideo(c, act);
    registerVideoTransfer(c, act);
  });
  add('groups', 'Avatar groups (one per person): looks count, training and consent status', (c) => registerGroups(c, act));
  add('assets', 'Upload local files (images, audio, footage) and manage assets', (c) => registerAssets(c, act));
  add('wizard', 'Pick look, engine, voice and script interactively; ends with the equivalent `twin video create` command', (c) =>
    registerWizard(c, act),
  );
  add('scenes', 'Multi-scene video files (experimental in the API): check one before rendering it with `video create --scenes`', (c) =>
    registerScenes(c, act),
  );
  add('say', 'Hear a script in a voice before paying for a render: the audio on disk, its length and what a render of it costs', (c) =>
    registerSay(c, act),
  );
  add('translate', "Say a finished video in other languages, in the speaker's own voice, lip-synced: one create, every file on disk", (c) =>
    registerTranslate(c, act),
  );
  add('translations', 'Video translations: list, get, wait, download, delete, rename, languages, generate', (c) =>
    registerTranslations(c, act),
  );
  add('batch', 'Render many videos from a CSV or JSONL manifest', (c) => registerBatch(c, act));
  add('webhooks', 'Manage webhook endpoints and receive events locally', (c) => registerWebhooks(c, act));
  add('auth', 'Log in, check or forget your API key', (c) => registerAuth(c, act));
  add('config', 'Read and change your default settings', (c) => registerConfig(c, act));
  add('doctor', 'Check Node.js, settings files, the API key and the connection to HeyGen', (c) => registerDoctor(c, act));
  add('completion', 'Print a shell completion script (commands, flags and their values)', (c) => registerCompletion(c, act));
  add('sandbox', 'Run a local emulator of the HeyGen v3 API (no account, no network, no credits) until Ctrl-C', (c) =>
    registerSandbox(c, act),
  );
  add('demo', 'See the whole flow offline: a local sandbox renders a Digital Twin video and twin downloads it (no key needed)', (c) =>
    registerDemo(c, act),
  );
  return program;
}
