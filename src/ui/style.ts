// Colour only when io.color says so; chalk decides nothing about the terminal itself.
import { Chalk, type ChalkInstance } from 'chalk';

export type Style = ChalkInstance;

export function createStyle(color: boolean): Style {
  return new Chalk({ level: color ? 1 : 0 });
}
