import { Argument, type Command } from 'commander';
import { examples } from '../options.js';
import type { Act } from '../types.js';
import { SHELLS } from './shells.js';

export function registerCompletion(program: Command, act: Act): void {
  program
    .command('completion')
    .description('Print a shell completion script (commands, flags and their values)')
    .addArgument(new Argument('[shell]', 'bash, zsh or fish (default: the one in $SHELL)').choices(SHELLS))
    .addHelpText(
      'after',
      examples([
        ['bash: install for your user', 'twin completion bash > ~/.local/share/bash-completion/completions/twin'],
        ['bash: or load it from ~/.bashrc', "echo 'source <(twin completion bash)' >> ~/.bashrc"],
        ['zsh: a file on your $fpath', 'twin completion zsh > "${fpath[1]}/_twin"'],
        ['zsh: or load it from ~/.zshrc (after compinit)', "echo 'source <(twin completion zsh)' >> ~/.zshrc"],
        ['fish', 'twin completion fish > ~/.config/fish/completions/twin.fish'],
      ]) + '\nOpen a new shell afterwards. Re-run after upgrading twin: the script is generated from this version.\n',
    )
    .action(act(() => import('./completion.js')));
}
