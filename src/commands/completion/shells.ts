// Shared by register.ts (commander choices) and the generator; no imports, so cheap at start-up.
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
