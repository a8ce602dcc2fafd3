// A faithful local emulator of the HeyGen v3 API, used by tests, benchmarks, `twin sandbox` and
// `twin demo`. Emulator choices where the contract is unconfirmed: see README.md beside this file.
export { startSandbox } from './server.js';
export { DEFAULT_FAULT_RATES, DEFAULT_OPTIONS } from './types.js';
export type {
  FaultRates,
  ReceivedRequest,
  Sandbox,
  SandboxCounters,
  SandboxMutableOptions,
  SandboxOptions,
  SandboxBilling,
  ScriptedFault,
} from './types.js';
