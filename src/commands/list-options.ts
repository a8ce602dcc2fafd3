// The --limit / --all / --token flags of every list command, registered the same way
// everywhere. Registration only (no zod): listing.ts validates and uses them.
import type { Command } from 'commander';

export function addListOptions(command: Command, noun: string, defaultLimit: number): Command {
  return command
    .option('--limit <n>', `show at most n ${noun} (default ${defaultLimit})`)
    .option('--all', 'follow every page (cannot be combined with --limit)')
    .option('--token <next_token>', 'continue from the next_token of an earlier --json listing (same filters)');
}
