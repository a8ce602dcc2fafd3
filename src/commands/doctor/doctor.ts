// `twin doctor`: is this machine ready to make videos? One line per check, a JSON list
// with --json, and an exit code naming the first kind of trouble (3 auth, 1 network, 2 settings).
import type { Context } from '../../ui/context-types.js';
import { ExitCode } from '../../shared/errors.js';
import type { Style } from '../../ui/style.js';
import type { CommandInput } from '../types.js';
import {
  checkApi,
  checkBaseUrl,
  checkEnvSettings,
  checkKeySource,
  checkNode,
  checkProjectFile,
  checkUserSettings,
  EXIT_FOR,
  type Check,
} from './checks.js';

export async function run(ctx: Context, _input: CommandInput): Promise<number> {
  const base = checkBaseUrl(ctx.env);
  const keys = await checkKeySource(ctx.env);
  const api = await checkApi(ctx, keys.key, base.baseUrl);
  const checks: Check[] = [
    checkNode(process.versions.node),
    await checkUserSettings(ctx.env),
    await checkProjectFile(ctx.cwd),
    checkEnvSettings(ctx.env),
    base.check,
    ...keys.checks,
    ...api.checks,
  ];
  const firstFailure = checks.find((c) => c.status === 'fail');
  const exitCode = firstFailure ? EXIT_FOR[firstFailure.category] : ExitCode.ok;
  const report = {
    ok: !firstFailure,
    exit_code: exitCode,
    checks,
    node_version: process.versions.node,
    api_base: base.baseUrl ?? null,
    key_source: keys.key?.source ?? null,
    latency_ms: api.latencyMs,
    user: api.user,
  };
  ctx.out.result(report, {
    human: (v, s) => renderChecks(v.checks, s),
    quiet: (v) => v.checks.filter((c) => c.status === 'fail').map((c) => c.id),
  });
  return exitCode;
}

const MARK: Record<Check['status'], (s: Style) => string> = {
  pass: (s) => s.green('✔'),
  fail: (s) => s.red('✖'),
  warn: (s) => s.yellow('!'),
  skip: (s) => s.dim('-'),
};

function renderChecks(checks: Check[], s: Style): string {
  const width = Math.max(...checks.map((c) => c.title.length));
  const lines = checks.flatMap((c) => {
    const line = `${MARK[c.status](s)} ${c.title.padEnd(width)}  ${c.status === 'skip' ? s.dim(c.detail) : c.detail}`;
    const hint =
      c.suggestion && (c.status === 'fail' || c.status === 'warn') ? [`  ${' '.repeat(width)}  ${s.cyan('→')} ${c.suggestion}`] : [];
    return [line, ...hint];
  });
  const failed = checks.filter((c) => c.status === 'fail').length;
  lines.push('', failed ? s.red(`${failed} of ${checks.length} checks failed.`) : s.green('All checks passed.'));
  return lines.join('\n');
}
