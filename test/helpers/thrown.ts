// The TwinError a synchronous call throws (the test fails when it throws nothing or something else).
import { expect } from 'vitest';
import { TwinError } from '../../src/shared/errors.js';

export function thrown(fn: () => unknown): TwinError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TwinError);
    return error as TwinError;
  }
  throw new Error('expected a throw');
}
