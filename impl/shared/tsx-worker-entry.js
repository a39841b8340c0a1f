'use strict';
// Entry point for worker threads that run TypeScript modules. A Worker cannot load .ts by
// itself (nor under jest/ts-jest), so this plain-JS file registers tsx's CommonJS loader and
// then requires the module named in workerData.module. See worker-bootstrap.ts; the two names
// differ so that resolving './worker-bootstrap' (jest tries .js first) never picks this file.
require('tsx/cjs');
const { workerData } = require('node:worker_threads');
require(workerData.module);
