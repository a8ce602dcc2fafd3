import type { Command } from 'commander';
import type { Act } from '../types.js';

// Placeholder: filled in by the issue that owns this command.
export function registerVoices(_parent: Command, _act: Act): void {}
