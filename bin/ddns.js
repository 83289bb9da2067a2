#!/usr/bin/env node
// Thin launcher so `npm exec -- ddns` and the installed bin both run the bundled CLI (dist/ddns.cjs,
// built by `npm run build`): one file to load keeps a no-change run close to Node's own start-up.
import { loadBundle } from './load-bundle.js';

const { main } = loadBundle(process.argv);

main(process.argv).then((code) => {
  process.exitCode = code;
  // A one-shot run must end even if a socket or timer somewhere was left open; unref'd, this
  // timer fires only in that case and never delays a normal exit.
  setTimeout(() => process.exit(code), 2000).unref();
});
