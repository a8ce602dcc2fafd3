// `twin config path`: the files twin reads, so a user knows what to open, back up or delete.
import { existsSync } from 'node:fs';
import type { Context } from '../../ui/context-types.js';
import { credentialsPath } from '../../config/credentials.js';
import { findProjectFile, userSettingsPath } from '../../config/load.js';
import { configDir } from '../../config/paths.js';
import { renderFields } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, _input: CommandInput): Promise<void> {
  const user = userSettingsPath(ctx.env);
  const credentials = credentialsPath(ctx.env);
  const project = findProjectFile(ctx.cwd) ?? null;
  const report = {
    config_dir: configDir(ctx.env),
    user_settings: { path: user, exists: existsSync(user) },
    credentials: { path: credentials, exists: existsSync(credentials) },
    project_file: project,
  };
  const state = (f: { path: string; exists: boolean }, absent: string) => (f.exists ? f.path : `${f.path} (${absent})`);
  ctx.out.result(report, {
    human: (v, s) =>
      renderFields(
        [
          ['User settings', state(v.user_settings, 'not created yet')],
          ['Credentials', state(v.credentials, `no key saved; \`${twinInvocation()} auth login\` saves one`)],
          ['.heygenrc', v.project_file ?? `none found from ${ctx.cwd} upward`],
        ],
        s.bold,
      ),
    quiet: (v) => [v.user_settings.path],
  });
}
