// zod/mini for the schemas every API command builds at start-up (issue 15). The same zod core
// and the same checks as `import { z } from 'zod'`, without the classic API's method layer
// (about 140 KB of the bundle that would load and compile on every command). zod/mini leaves
// error messages to the caller's locale, so English is set here, as the classic API does on
// its own: every message a user sees stays word for word the same.
// Import it as a namespace (`import * as z from '…/zod-mini.js'`): esbuild then keeps only
// what is used.
import { config } from 'zod/mini';
import { en } from 'zod/locales';

if (!config().localeError) config(en());

export * from 'zod/mini';
