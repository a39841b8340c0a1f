import { validateScenario } from '../../harness/scenario/validate';
import { op, proc, scenario, thread } from '../../spec/dsl';

/** terminate, exitcode and program are operations of process actors only. */

describe('process-only operations', () => {
  it('are accepted in process actors', () => {
    const s = scenario('ok', { objects: {}, actors: [proc('main', [op.start('p'), op.terminate('p'), op.exitcode('p'), op.program('ktv', { rooms: 4 }, 10)]), proc('p', [], { start: 'manual' })] });
    expect(validateScenario(s).ok).toBe(true);
  });

  it('are rejected in thread actors, and program args must be an object', () => {
    const s = scenario('bad', { objects: {}, actors: [thread('main', [op.terminate('p'), op.program('ktv')]), proc('p', [op.program('ktv', [1] as never)], { start: 'manual' })] });
    const result = validateScenario(s);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['actors[0].ops[0].op', 'actors[0].ops[1].op', 'actors[1].ops[0].args']));
  });
});
