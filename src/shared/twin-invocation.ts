// The words that start a twin command line in what twin prints ("Follow it with: twin video wait
// ID", "run `twin auth login`"): `twin` for a global install, else what works where twin runs
// (`npx twin`, `node /path/bin/twin.js`). One home for every message of every layer: the entry
// (cli.ts) says how to find it out once per run (ui/invocation.ts looks at PATH and the folder);
// until then, and in the library, it is plain `twin`.

let resolve: () => string = () => 'twin';
let known: string | undefined;

/** Called by the entry before a command runs; the answer is worked out on first use only. */
export function setTwinInvocation(resolver: () => string): void {
  resolve = resolver;
  known = undefined;
}

/** `twin`, `npx twin` or `node '/path/bin/twin.js'`: prefix of every command twin tells a person to run. */
export function twinInvocation(): string {
  known ??= resolve();
  return known;
}
