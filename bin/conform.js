#!/usr/bin/env node
'use strict';
// The CLI is TypeScript run through tsx's CommonJS loader, so a fresh clone needs no build step.
require('tsx/cjs');
require('../harness/cli/main.ts');
