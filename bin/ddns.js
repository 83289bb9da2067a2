#!/usr/bin/env node
// Thin launcher so `npm exec -- ddns` and the installed bin both run the bundled CLI (dist/ddns.cjs,
// built by `npm run build`): one file to load keeps a no-change run close to Node's own start-up.
import { createRequire } from 'node:module';

// require(), not import: importing CommonJS from ESM makes Node scan the whole bundle for its
// export names first, which costs more than loading it.
const { main } = createRequire(import.meta.url)('../dist/ddns.cjs');

main(process.argv).then((code) => {
  process.exitCode = code;
  // A one-shot run must end even if a socket or timer somewhere was left open; unref'd, this
  // timer fires only in that case and never delays a normal exit.
  setTimeout(() => process.exit(code), 2000).unref();
});
