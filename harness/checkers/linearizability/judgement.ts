import type { Judgement } from '../../../spec/claim';
import type { Json } from '../../scenario/model';
import { timeToJson } from '../describe';
import { describeLinOperation } from './describe-operation';
import type { LinOperation, LinResult, SequentialModel } from './types';

function operationJson(op: LinOperation, model: SequentialModel<unknown>): Json {
  return {
    id: op.id,
    actor: op.actor,
    called: op.call,
    returned: timeToJson(op.return),
    operation: describeLinOperation(op, model),
  };
}

/**
 * A linearizability result as the harness's judgement, for claims and reporters: the failing
 * window goes into the evidence, one line per operation, in call order. `unknown` is not a pass:
 * a claim that rests on linearizability has not been shown to hold.
 */
export function linearizabilityJudgement<S>(result: LinResult, model: SequentialModel<S>, ops: readonly LinOperation[]): Judgement {
  const m = model as SequentialModel<unknown>;
  switch (result.verdict) {
    case 'linearizable':
      return { ok: true, message: `linearizable as a ${model.name}: ${ops.length} operations, ${result.order.length} of them took effect` };
    case 'not-linearizable':
      return {
        ok: false,
        message: result.explanation,
        evidence: { linearizable: false, model: model.name, window: result.window.map((op) => operationJson(op, m)) },
      };
    case 'unknown':
      return { ok: false, message: `linearizability undecided: ${result.reason}`, evidence: { linearizable: null, model: model.name } };
  }
}
