// What a person sees while the languages of a translation run: one view for all of them. On a
// terminal each language has its own line on stderr, redrawn in place (a spinner frame and the
// elapsed time move once a second, between polls too), left on screen with ✔/✖ when the wait
// ends; as the render spinner does, this shows with --json too (stdout holds the document) but
// not with --quiet. In CI and pipes: one plain line per change of a language's state.
import type { TranslationJob } from '../flows/translate-wait.js';
import { formatElapsed } from '../shared/elapsed.js';
import type { Context } from './context-types.js';
import { clip } from './table.js';

interface TranslationView {
  /** A language changed state (the wait's onUpdate). */
  update(job: TranslationJob): void;
  /** Ends the view: on a terminal the lines stay, with their final state. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

type ViewContext = Pick<Context, 'io' | 'out' | 'now'>;

/** `twin translations wait` learns a language from the first read; until then the id stands in. */
function languageOf(job: TranslationJob): string {
  return job.translation?.output_language ?? job.language;
}

/** The words of one language's line, the same on a terminal and in a log. */
function describeJob(job: TranslationJob, width: number): string {
  const why = job.state === 'failed' && job.translation?.failure_message ? `: ${job.translation.failure_message}` : '';
  return `${languageOf(job).padEnd(width)}  ${job.state}${why}  ${job.id}`;
}

export function startTranslationView(ctx: ViewContext, jobs: readonly TranslationJob[]): TranslationView {
  const width = () => Math.max(0, ...jobs.map((j) => languageOf(j).length));
  if (ctx.io.animate && ctx.out.mode !== 'quiet') return animated(ctx, jobs, width);
  return { update: (job) => ctx.out.info(describeJob(job, width())), stop() {} };
}

function animated(ctx: ViewContext, jobs: readonly TranslationJob[], width: () => number): TranslationView {
  const { style } = ctx.out;
  const stderr = ctx.io.stderr;
  const started = ctx.now();
  let drawn = 0;
  let frame = 0;
  const symbol = (job: TranslationJob, final: boolean): string => {
    if (job.state === 'completed') return style.green('✔');
    if (job.state === 'failed' || job.state === 'not_found') return style.red('✖');
    return final ? style.yellow('…') : style.cyan(FRAMES[frame % FRAMES.length] as string);
  };
  const draw = (final: boolean) => {
    // Read on every draw: the terminal may have been resized.
    const columns = Math.max(20, stderr.columns ?? ctx.io.columns);
    const w = width();
    // Clipped before the symbol is styled: colour codes take no columns but would count.
    const lines = jobs.map((j) => `${symbol(j, final)} ${clip(describeJob(j, w), columns - 2)}`);
    const done = jobs.filter((j) => j.state === 'completed').length;
    lines.push(style.dim(clip(`${done}/${jobs.length} completed · elapsed ${formatElapsed(ctx.now() - started)}`, columns)));
    const erase = drawn > 0 ? `\x1b[${drawn}A\r\x1b[J` : '';
    stderr.write(`${erase}${lines.join('\n')}\n${final ? SHOW_CURSOR : ''}`);
    drawn = lines.length;
  };
  stderr.write(HIDE_CURSOR);
  draw(false);
  const ticker = setInterval(() => {
    frame += 1;
    draw(false);
  }, 1000);
  ticker.unref();
  let stopped = false;
  return {
    update: () => {
      if (!stopped) draw(false);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(ticker);
      draw(true);
    },
  };
}
