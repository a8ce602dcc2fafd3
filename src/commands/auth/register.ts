import type { Command } from 'commander';
import { examples } from '../options.js';
import type { Act } from '../types.js';

export function registerAuth(auth: Command, act: Act): void {
  auth.addHelpText(
    'after',
    examples([
      ['save a key (asks for it, hidden)', 'twin auth login'],
      ['who am I, what is left to spend', 'twin auth status'],
    ]) + '\nHEYGEN_API_KEY, when set, wins over the saved key.\n',
  );

  auth
    .command('login')
    .description('Check an API key with HeyGen and save it (file mode 0600)')
    .option('--with-token', 'read the key from stdin instead of asking (scripts, CI)')
    .addHelpText(
      'after',
      examples([
        ['type or paste the key at a hidden prompt', 'twin auth login'],
        ['from a secret store or CI variable', 'printenv HEYGEN_KEY | twin auth login --with-token'],
        ['from a file', 'twin auth login --with-token < heygen.key'],
      ]) + '\nThe key is checked with GET /v3/users/me first: a rejected key exits 3 and nothing is saved.\n',
    )
    .action(act(() => import('./login.js')));

  auth
    .command('status')
    .description('Show who the key belongs to, the balance, and where the key comes from')
    .addHelpText(
      'after',
      examples([
        ['check the account behind the current key', 'twin auth status'],
        ['remaining balance in a script', "twin auth status --json | jq '.billing.remaining'"],
      ]) + '\nExit code 3 when there is no key or the API rejects it.\n',
    )
    .action(act(() => import('./status.js')));

  auth
    .command('logout')
    .description('Forget the saved API key')
    .addHelpText('after', examples([['remove the saved key', 'twin auth logout']]))
    .action(act(() => import('./logout.js')));
}
