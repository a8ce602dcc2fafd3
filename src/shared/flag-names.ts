// Flag names from option keys: camelCase → --kebab-case.

/** voiceSpeed → --voice-speed */
export function toFlag(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
