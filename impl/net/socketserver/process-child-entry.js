'use strict';
// Entry point of ForkingTCPServer's child processes: a plain-JS file so that `node` can start
// it anywhere (under jest, tsx or plain node); it registers tsx, then runs the TypeScript child.
require('tsx/cjs');
require('./process-request-child.ts');
