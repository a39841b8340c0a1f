import type { RunOptions } from '../../implementation';
import type { ObjectDecl, Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { assertValidScenario } from '../../scenario/validate';
import { UnsupportedScenarioError } from '../reference/thread-executor';
import type { TaskBinding } from './task-binding';
import { TaskRun } from './task-run';

/**
 * Runs scenarios whose actors are tasks, all on the event loop of the thread it is called on,
 * with shared objects from a TaskBinding. It can be used directly (tests) or inside the task
 * host's worker (task-host.ts), which adds what a cooperative loop cannot do for itself: stop a
 * task that never yields.
 */
export class TaskExecutor {
  constructor(readonly binding: TaskBinding) {}

  /**
   * Throws InvalidScenarioError or UnsupportedScenarioError for a scenario it cannot run;
   * everything that goes wrong while running is a `crashed` result instead.
   */
  async run(input: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
    const scenario = assertValidScenario(input);
    this.checkSupported(scenario);
    let objects: Map<string, { decl: ObjectDecl; object: unknown }>;
    try {
      objects = this.createObjects(scenario.objects);
    } catch (e) {
      const cells = Object.fromEntries(Object.entries(scenario.objects).flatMap(([name, d]) => (d.type === 'cell' ? [[name, d.initial ?? 0]] : [])));
      return { status: 'crashed', history: [], final: { cells }, durationMs: 0, unfinished: [], error: `creating the shared objects failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
    }
    return new TaskRun({
      scenario,
      objects,
      binding: this.binding,
      deadlineMs: options.deadlineMs ?? scenario.deadlineMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    }).execute();
  }

  private checkSupported(scenario: Scenario): void {
    for (const actor of scenario.actors) {
      if (actor.kind !== 'task') throw new UnsupportedScenarioError(`actor "${actor.name}" is a ${actor.kind}; this executor runs tasks only`);
    }
    for (const [name, decl] of Object.entries(scenario.objects)) {
      if (decl.type !== 'cell' && !this.binding.objectTypes.has(decl.type)) {
        throw new UnsupportedScenarioError(`object "${name}" is a ${decl.type}, which ${this.binding.name} does not provide`);
      }
    }
  }

  /** Conditions last, so the lock a condition names already exists. */
  private createObjects(decls: Record<string, ObjectDecl>): Map<string, { decl: ObjectDecl; object: unknown }> {
    const entries = Object.entries(decls).filter(([, decl]) => decl.type !== 'cell');
    const ordered = [...entries.filter(([, d]) => d.type !== 'condition'), ...entries.filter(([, d]) => d.type === 'condition')];
    const created = new Map<string, unknown>();
    const objects = new Map<string, { decl: ObjectDecl; object: unknown }>();
    for (const [name, decl] of ordered) {
      const object = this.binding.create(name, decl, created);
      created.set(name, object);
      objects.set(name, { decl, object });
    }
    return objects;
  }
}
