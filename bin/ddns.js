#!/usr/bin/env node
// Thin launcher so `npm exec -- ddns` and the installed bin both run the bundled CLI (dist/ddns.cjs,
// built by `npm run build`): one file to load keeps a no-change run close to Node's own start-up.
// CommonJS (bin/package.json): an ES module as the entry point starts Node's ESM loader, about
// 10 ms of CPU on every run (docs/benchmarks.md).
'use strict';
const { loadBundle } = require('./load-bundle.js');

const { main } = loadBundle(process.argv);

main(process.argv).then((code) => {
  process.exitCode = code;
  // A one-shot run must end even if a socket or timer somewhere was left open; unref'd, this
  // timer fires only in that case and never delays a normal exit.
  setTimeout(() => process.exit(code), 2000).unref();
});
