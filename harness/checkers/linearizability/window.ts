import { formatTime } from '../describe';
import { describeLinOperation } from './describe-operation';
import type { LinearizedSet } from './linearized-set';
import type { LinOperation, SequentialModel } from './types';

/** Frontier operations named one by one in the explanation; the rest are counted. */
const MAX_NAMED = 6;

/**
 * Where the longest linearizable prefix stops. The first operation to return outside the prefix
 * (the blocker) had to be linearized by its return; the frontier is every operation outside the
 * prefix called by then, one of which had to come next, and none could from the state the prefix
 * leaves. Linearized operations still running when the frontier began are part of the window
 * too, where they were placed is what produced that state, and so is the last one to return
 * before it.
 */
export function failingWindow<S>(
  ops: readonly LinOperation[],
  model: SequentialModel<S>,
  longest: LinearizedSet,
  state: S,
): { window: LinOperation[]; explanation: string } {
  const outside = ops.map((op, i) => ({ op, i })).filter(({ i }) => !longest.has(i));
  const returned = outside.filter(({ op }) => Number.isFinite(op.return));
  const blocker = returned.reduce((a, b) => (b.op.return < a.op.return ? b : a), returned[0] as (typeof returned)[number]);
  const deadline = blocker.op.return;
  const frontier = outside.filter(({ op }) => op.call <= deadline).map(({ op }) => op);
  const frontierStart = Math.min(...frontier.filter((op) => Number.isFinite(op.return)).map((op) => op.call));
  const inside = ops.filter((op, i) => longest.has(i) && op.call <= deadline);
  const overlapping = inside.filter((op) => op.return >= frontierStart);
  // The latest to return before the frontier began certainly took effect before it.
  const before = inside.filter((op) => op.return < frontierStart).reduce<LinOperation | undefined>((a, b) => (a === undefined || b.return > a.return ? b : a), undefined);
  const context = before === undefined ? overlapping : [before, ...overlapping];
  const window = [...context, ...frontier].sort((a, b) => a.call - b.call || a.id - b.id);

  const describe = (op: LinOperation) => describeLinOperation(op, model as SequentialModel<unknown>);
  const named = frontier.slice(0, MAX_NAMED).map(describe);
  const more = frontier.length > MAX_NAMED ? ` (and ${frontier.length - MAX_NAMED} more)` : '';
  const stateText = model.describeState ? model.describeState(state) : model.hash(state);
  const explanation =
    `not linearizable as a ${model.name}: at most ${longest.size} of ${ops.length} operations linearize; ` +
    `from the state they leave (${stateText}) none of the operations that could come next can: ${named.join('; ')}${more}. ` +
    `${describe(blocker.op)} had to take effect by ${formatTime(deadline)}.`;
  return { window, explanation };
}
