// Option names as commander keeps them (camelCase) and as a person types them (--kebab-case).

/** voiceSpeed → --voice-speed */
export function toFlag(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
