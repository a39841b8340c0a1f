'use strict';
// Entry point of a load-test HTTP server process (serve-main.ts): plain JS so that `node` can
// start it under jest, tsx or plain node alike; it registers tsx, then runs the TypeScript main.
require('tsx/cjs');
require('./serve-main.ts');
