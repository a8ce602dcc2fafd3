import type { Command } from 'commander';
import { examples } from '../options.js';
import type { Act } from '../types.js';

export function registerAuth(auth: Command, act: Act): void {
  auth.addHelpText(
    'after',
    examples([
      ['save a key (asks for it, hidden)', 'twin auth login'],
      ['who am I, what is left to spend', 'twin auth status'],
      ['a key for the local sandbox too', 'twin auth login --base http://127.0.0.1:4010'],
    ]) + '\nKeys are saved per API base URL and only ever sent to that one. HEYGEN_API_KEY, when set, wins over a saved key.\n',
  );

  auth
    .command('login')
    .description('Check an API key with HeyGen and save it for that API base (file mode 0600)')
    .option('--with-token', 'read the key from stdin instead of asking (scripts, CI)')
    .option('--base <url>', 'the API base the key is for (default: HEYGEN_API_BASE, else https://api.heygen.com)')
    .addHelpText(
      'after',
      examples([
        ['type or paste the key at a hidden prompt', 'twin auth login'],
        ['from a secret store or CI variable', 'printenv HEYGEN_KEY | twin auth login --with-token'],
        ['from a file', 'twin auth login --with-token < heygen.key'],
        ['for another API base (a sandbox, a proxy)', 'twin auth login --base http://127.0.0.1:4010 --with-token < sandbox.key'],
      ]) +
        '\nThe key is checked with GET /v3/users/me of that base first: a rejected key exits 3 and nothing is saved.\nIt is saved for that base only, and never sent to another.\n',
    )
    .action(act(() => import('./login.js')));

  auth
    .command('status')
    .description('Show who the key belongs to, the balance, where the key comes from, and every API base with a saved key')
    .addHelpText(
      'after',
      examples([
        ['check the account behind the current key', 'twin auth status'],
        ['remaining balance in a script', "twin auth status --json | jq '.billing.remaining'"],
      ]) + '\nExit code 3 when there is no key for the API base in use ("not logged in to …") or the API rejects it.\n',
    )
    .action(act(() => import('./status.js')));

  auth
    .command('logout')
    .description('Forget the API key saved for an API base')
    .option('--base <url>', 'the API base whose key to forget (default: HEYGEN_API_BASE, else https://api.heygen.com)')
    .addHelpText(
      'after',
      examples([
        ['remove the key saved for the API in use', 'twin auth logout'],
        ['remove the key saved for a sandbox', 'twin auth logout --base http://127.0.0.1:4010'],
      ]),
    )
    .action(act(() => import('./logout.js')));
}
