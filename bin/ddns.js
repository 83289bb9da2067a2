#!/usr/bin/env node
// Thin launcher so `npm exec -- ddns` and the installed bin both run the compiled CLI.
import { main } from '../dist/src/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
