'use strict';
// Entry point of the Node http baseline server process: registers tsx, then runs the main.
require('tsx/cjs');
require('./node-http-main.ts');
