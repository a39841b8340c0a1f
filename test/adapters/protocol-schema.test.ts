import * as fs from 'node:fs';
import * as path from 'node:path';
import { claims } from '../../spec';
import { checkScenarios } from '../../spec/claim';
import { validateAdapterMessage, validateHarnessMessage } from '../../harness/adapters/process/message-validation';
import { LineSplitter } from '../../harness/adapters/process/line-splitter';
import { StderrTail } from '../../harness/adapters/process/stderr-tail';
import type { Scenario } from '../../harness/scenario/model';

/**
 * docs/adapter-protocol.schema.json is what both sides hold each other to: every scenario the
 * catalog can send fits a `run` message, malformed adapter messages are refused with a reason,
 * and every example line in docs/writing-an-adapter.md is a valid message.
 */

const GUIDE = path.join(__dirname, '..', '..', 'docs', 'writing-an-adapter.md');

const invoke = { type: 'invoke', actor: 'a', f: 'get', target: 'q', time: 0.5, path: [0] };

describe('the adapter protocol schema', () => {
  it("accepts every scenario of the catalog's checks inside a run message", () => {
    const scenarios: Scenario[] = claims.flatMap((c) => (c.check === undefined ? [] : checkScenarios(c.check, 1)));
    expect(scenarios.length).toBeGreaterThan(50);
    const problems = scenarios.flatMap((scenario, i) => {
      const checked = validateHarnessMessage({ type: 'run', id: `r${i}`, scenario, deadlineMs: scenario.deadlineMs });
      return checked.ok ? [] : [`${scenario.name}: ${checked.problem}`];
    });
    expect(problems).toEqual([]);
  });

  it('refuses malformed adapter messages and says what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [[1, 2], /not a JSON object/],
      [{ type: 'run', id: 'r1' }, /"type" is "run"; an adapter sends hello, event, result, error/],
      [{ type: 'hello', protocol: 1, name: 'x', version: '1', runtime: 'r', scenarioModels: [1] }, /must have required property 'capabilities'/],
      [{ type: 'event', id: 'r1', event: { ...invoke, time: -1 } }, /\/event\/time must be >= 0/],
      [{ type: 'event', id: 'r1', event: { ...invoke, type: 'fail' } }, /\/event must have required property 'error'/],
      [{ type: 'event', id: 'r1', event: { ...invoke, colour: 'red' } }, /must NOT have additional properties \(colour\)/],
      [{ type: 'result', id: 'r1', status: 'crashed', final: { cells: {} }, unfinished: [], durationMs: 1 }, /must have required property 'error'/],
      [{ type: 'result', id: 'r1', status: 'done', final: { cells: {} }, unfinished: [], durationMs: 1 }, /\/status must be equal to one of the allowed values/],
      [{ type: 'error' }, /must have required property 'message'/],
    ];
    for (const [message, problem] of cases) {
      const checked = validateAdapterMessage(message);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.problem).toMatch(problem);
    }
    expect(validateAdapterMessage({ type: 'event', id: 'r1', event: invoke })).toMatchObject({ ok: true });
  });

  it('validates every example message in docs/writing-an-adapter.md', () => {
    const lines = fs
      .readFileSync(GUIDE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('{"type":'));
    const types = new Set<string>();
    for (const line of lines) {
      const message = JSON.parse(line) as { type: string };
      types.add(message.type);
      const checked = ['run', 'shutdown'].includes(message.type) ? validateHarnessMessage(message) : validateAdapterMessage(message);
      expect({ line, problem: checked.ok ? undefined : checked.problem }).toEqual({ line, problem: undefined });
    }
    expect([...types].sort()).toEqual(['error', 'event', 'hello', 'result', 'run', 'shutdown']);
  });
});

describe('reading an adapter', () => {
  it('cuts stdout into lines across chunks, dropping CR, and keeps a partial last line', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l), () => undefined);
    splitter.push(Buffer.from('{"a":1}\r\n{"b"'));
    splitter.push(Buffer.from(':2}\n\n{"c":'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '']);
    expect(splitter.rest()).toBe('{"c":');
  });

  it('reports a line longer than the limit instead of buffering it', () => {
    const overflows: string[] = [];
    const splitter = new LineSplitter(() => undefined, (prefix) => overflows.push(prefix), 100);
    splitter.push(Buffer.alloc(80, 'x'));
    splitter.push(Buffer.alloc(80, 'y'));
    expect(overflows).toHaveLength(1);
    expect(overflows[0]).toMatch(/^x{80}y{20}/);
  });

  it('keeps only the last kilobytes of stderr, cut at a line start', () => {
    const tail = new StderrTail(50);
    for (let i = 0; i < 20; i++) tail.push(Buffer.from(`line ${i}\n`));
    const text = tail.text();
    expect(text.endsWith('line 19')).toBe(true);
    expect(text.startsWith('line ')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(50);
    expect(new StderrTail().describe()).toBe(' (the adapter wrote nothing to stderr)');
  });
});
