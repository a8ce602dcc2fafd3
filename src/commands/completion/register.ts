import { Argument, type Command } from 'commander';
import { examples } from '../options.js';
import type { Act } from '../types.js';
import { SHELLS } from './shells.js';

export function registerCompletion(command: Command, act: Act): void {
  command
    .addArgument(new Argument('[shell]', 'bash, zsh or fish (default: the one in $SHELL)').choices(SHELLS))
    .option('--refresh', 'fetch the look and voice ids that complete --look, --voice, looks get and voices get now')
    .addHelpText(
      'after',
      examples([
        ['bash: install for your user', 'twin completion bash > ~/.local/share/bash-completion/completions/twin'],
        ['bash: or load it from ~/.bashrc', "echo 'source <(twin completion bash)' >> ~/.bashrc"],
        ['zsh: a file on your $fpath', 'twin completion zsh > "${fpath[1]}/_twin"'],
        ['zsh: or load it from ~/.zshrc (after compinit)', "echo 'source <(twin completion zsh)' >> ~/.zshrc"],
        ['fish', 'twin completion fish > ~/.config/fish/completions/twin.fish'],
        ['refresh the cached look and voice ids now', 'twin completion --refresh'],
      ]) +
        '\nOpen a new shell afterwards. Re-run after upgrading twin: the script is generated from this version.\n' +
        'Look and voice ids complete from a cache in the config folder, refreshed in the background when older than 10 minutes\n(never without a key for the API base); a keystroke never waits for the network.\n',
    )
    .action(act(() => import('./completion.js')));
}
