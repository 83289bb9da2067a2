// proper-lockfile's signal-exit (v3) adds `process.__signal_exit_emitter__` when it first loads.
// Under jest's ESM support, an ES module importing `node:process` gets a synthetic module whose
// export names are fixed when it is created; if signal-exit loads between that and its
// evaluation, jest throws "Export '__signal_exit_emitter__' is not defined in module", depending
// on module-loading order. Loading it first, here, makes the order irrelevant.
require('proper-lockfile');
