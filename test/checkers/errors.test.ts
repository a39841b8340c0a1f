import { checkFailedWith, checkReturned, checkSucceeded, findOne, findOperations, isFoundOperation, pairOperations } from '../../harness/checkers';
import { call, history, mark } from './history-builder';

const h = history(
  call('A', 'acquire', 0, 1, { target: 'L', value: true, path: [0] }),
  call('A', 'release', 2, 3, { target: 'L', value: null, path: [1] }),
  call('A', 'release', 4, 5, { target: 'L', error: 'RuntimeError', path: [2] }),
  call('B', 'get_nowait', 0, 1, { target: 'q', error: 'Empty', path: [0] }),
  call('B', 'acquire', 2, 3, { target: 'L', args: { blocking: false }, value: false, path: [1] }),
  call('B', 'join', 4, 5, { target: 'A', value: null, path: [2] }),
  mark('B', 'done', 6),
);

describe('finding operations', () => {
  const ops = pairOperations(h).operations;
  it('matches every given field, path exactly', () => {
    expect(findOperations(ops, { actor: 'A', f: 'release' })).toHaveLength(2);
    expect(findOperations(ops, { actor: 'A', f: 'release', path: [2] }).map((o) => o.error)).toEqual(['RuntimeError']);
    expect(findOperations(ops, { f: 'join', target: 'A' })).toHaveLength(1);
    expect(findOperations(ops, { label: 'done' })).toHaveLength(1);
    expect(findOperations(ops, (o) => o.outcome === 'fail')).toHaveLength(2);
  });
  it('findOne says plainly when a query is ambiguous or matches nothing', () => {
    const many = findOne(ops, { actor: 'A', f: 'release' });
    expect(isFoundOperation(many)).toBe(false);
    expect((many as { message: string }).message).toMatch(/^2 operations match A's release, expected exactly one \(give a path\)/);
    expect(findOne(ops, { actor: 'Z' })).toMatchObject({ ok: false, message: "no operation matches Z's any op" });
  });
});

describe('expected errors and values', () => {
  it('passes when the operation raised the expected error', () => {
    expect(checkFailedWith(h, { actor: 'A', f: 'release', path: [2] }, 'RuntimeError')).toMatchObject({
      ok: true,
      message: 'A release(L) raised RuntimeError, 4ms–5ms, as expected',
    });
    expect(checkFailedWith(h, { actor: 'B', f: 'get_nowait' }, 'Empty').ok).toBe(true);
  });

  it('fails, saying what happened instead, when it returned or raised something else', () => {
    const j = checkFailedWith(h, { actor: 'A', f: 'release', path: [1] }, 'RuntimeError');
    expect(j).toMatchObject({ ok: false, message: "expected A's release at [1] to have raised RuntimeError, but A release(L) → null, 2ms–3ms" });
    expect(checkFailedWith(h, { actor: 'B', f: 'get_nowait' }, 'Full').message).toContain('B get_nowait(q) raised Empty');
  });

  it('requires every matching operation to qualify', () => {
    expect(checkFailedWith(h, { actor: 'A', f: 'release' }, 'RuntimeError').ok).toBe(false);
  });

  it('fails when nothing matches', () => {
    expect(checkFailedWith(h, { actor: 'C' }, 'Empty')).toMatchObject({ ok: false, message: "no operation matches C's any op; expected it to have raised Empty" });
  });

  it('checks return values structurally; None is null', () => {
    expect(checkReturned(h, { actor: 'B', f: 'acquire' }, false).ok).toBe(true);
    expect(checkReturned(h, { actor: 'B', f: 'join' }, null).ok).toBe(true);
    const j = checkReturned(h, { actor: 'B', f: 'acquire' }, true);
    expect(j).toMatchObject({ ok: false, message: "expected B's acquire to have returned true, but B acquire(L) → false, 2ms–3ms" });
    expect(checkReturned(h, { actor: 'A', f: 'release', path: [2] }, null).ok).toBe(false);
  });

  it('checkSucceeded accepts any value but not an error', () => {
    expect(checkSucceeded(h, { actor: 'A', f: 'acquire' }).ok).toBe(true);
    expect(checkSucceeded(h, { actor: 'B', f: 'get_nowait' }).ok).toBe(false);
  });
});
