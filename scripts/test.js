#!/usr/bin/env node
'use strict';
// `npm test`: type-check the whole project, run jest, and end with the totals as one plain line,
// `N passed, N failed`, which is what CI reads (jest's own summary is not recognised there).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const tsc = spawnSync(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
const typecheckFailed = tsc.status !== 0;
if (typecheckFailed) console.error('\nType check failed (tsc --noEmit): counted as one failure.\n');

const outFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'conform-jest-')), 'results.json');
const jest = spawnSync(bin('jest'), ['--json', `--outputFile=${outFile}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});

let passed = 0;
let failed = typecheckFailed ? 1 : 0;
try {
  const results = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A test file that fails to load, or whose hooks throw (a leak check in afterAll), has no
  // failed test yet is still a failure.
  failed += results.testResults.filter((r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed')).length;
} catch {
  console.error('jest produced no results file: counting the run as failed.');
  failed += 1;
}
fs.rmSync(path.dirname(outFile), { recursive: true, force: true });

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && jest.status === 0 ? 0 : 1);
