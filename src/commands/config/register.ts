import type { Command } from 'commander';
import type { Act } from '../types.js';

// Placeholder: filled in by the issue that owns this command.
export function registerConfig(_parent: Command, _act: Act): void {}
