// Option names as commander keeps them (camelCase) and as a person types them (--kebab-case).

/** voiceSpeed → --voice-speed */
export function toFlag(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** --voice-speed → voiceSpeed: the library's name for the input a flag sets. */
export function toField(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Rules shared by the library and the command line name an input in their messages as
 * `voiceSpeed` (in backticks), which is how the library reads; the command line shows the flag
 * that sets it (--voice-speed). Only `names` are changed, so `twin looks list` and other code
 * spans stay as they are.
 */
export function withFlagNames(text: string, names: ReadonlySet<string>): string {
  return text.replace(/`([a-z][A-Za-z0-9]*)`/g, (whole, name: string) => (names.has(name) ? toFlag(name) : whole));
}
