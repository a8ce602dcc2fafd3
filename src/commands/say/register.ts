import type { Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';

/** `twin say`: a leaf command; `command` is its own (program.ts names and describes it). */
export function registerSay(command: Command, act: Act): void {
  command
    .argument('[text]', 'what to say, or - to read it from stdin')
    .option('--script-file <path>', 'read the text from a file (- for stdin)')
    .option('--voice <voice-id>', 'a starfish voice (default: the voice setting, else the look’s default voice)')
    .option('--look <look-id>', 'take the voice of this look (default: the look setting)')
    .option('--speed <n>', 'speaking rate, 0.5 to 2 (default 1)')
    .option('--locale <locale>', 'accent and language, e.g. en-US')
    .option('--ssml', 'the text is SSML (breaks need a voice that supports pauses)')
    .option('-o, --output <file>', 'where the audio goes (default speech.mp3, replaced each run)')
    .option('--force', 'replace the -o file if it exists')
    .option('--srt <file>', 'also write captions from the word timestamps')
    .addHelpText(
      'after',
      examples([
        ['hear a line in your default voice', 'twin say "Hi, I am Alex."'],
        ['a script file, another voice, slower', 'twin say --script-file intro.txt --voice v_123 --speed 0.9 -o intro.mp3'],
        ['from stdin, with captions', 'cat intro.txt | twin say - --srt intro.srt'],
        ['word timings for scripts', 'twin say "Hello there" --json'],
        ['voices that can speak here', 'twin voices list --engine starfish'],
      ]),
    )
    .action(act(() => import('./say.js')));
}
