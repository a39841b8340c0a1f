import { valueKey } from '../../json-values';
import { describeLinOperation } from '../describe-operation';
import type { CallInput, CallOutput } from '../history';
import type { LinOperation, SequentialModel } from '../types';

interface ItemLife {
  put: LinOperation;
  get: LinOperation;
}

/** Put and get of every item, when every item was put once and got at most once; else undefined. */
function itemLives(ops: readonly LinOperation[]): ItemLife[] | undefined {
  const puts = new Map<string, LinOperation>();
  const gets = new Map<string, LinOperation>();
  for (const op of ops) {
    const { f, args } = op.input as CallInput;
    const out = op.output as CallOutput;
    if (f === 'put' || f === 'put_nowait') {
      const key = valueKey(args['item']);
      if (puts.has(key)) return undefined;
      puts.set(key, op);
    } else if ((f === 'get' || f === 'get_nowait') && out.outcome === 'ok') {
      const key = valueKey(out.value);
      if (gets.has(key)) return undefined;
      gets.set(key, op);
    }
  }
  const lives: ItemLife[] = [];
  for (const [key, get] of gets) {
    const put = puts.get(key);
    if (put === undefined) return undefined;
    if (Number.isFinite(put.return) && Number.isFinite(get.return)) lives.push({ put, get });
  }
  return lives;
}

/**
 * A certain FIFO violation found without searching (the search would have to exhaust every
 * interleaving before the violation to conclude the same): item x was put strictly before item y
 * (put(x) returned before put(y) was called), yet y was got strictly before x. Every
 * linearization puts x ahead of y, so x must come out first. Only for histories whose items are
 * distinct, where "the get that returned x" is well defined. O(n log n): a sweep over the puts.
 */
export function refuteFifoOrder(ops: readonly LinOperation[], model: SequentialModel<unknown>): { window: LinOperation[]; explanation: string } | undefined {
  const lives = itemLives(ops);
  if (lives === undefined || lives.length < 2) return undefined;
  const byPutReturn = [...lives].sort((a, b) => a.put.return - b.put.return);
  const byPutCall = [...lives].sort((a, b) => a.put.call - b.put.call);
  let k = 0;
  let latest: ItemLife | undefined; // among items put strictly earlier, the one got latest
  for (const y of byPutCall) {
    while (k < byPutReturn.length && (byPutReturn[k] as ItemLife).put.return < y.put.call) {
      const x = byPutReturn[k++] as ItemLife;
      if (latest === undefined || x.get.call > latest.get.call) latest = x;
    }
    if (latest !== undefined && y.get.return < latest.get.call) {
      const x = latest;
      const d = (op: LinOperation) => describeLinOperation(op, model);
      return {
        window: [x.put, y.put, y.get, x.get],
        explanation:
          `not linearizable as a ${model.name}: ${d(x.put)} before ${d(y.put)} was called, ` +
          `yet ${d(y.get)} before ${d(x.get)} was called; the item put first must come out first.`,
      };
    }
  }
  return undefined;
}
