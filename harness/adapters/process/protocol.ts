import type { Json, Scenario } from '../../scenario/model';
import type { HistoryEvent } from '../../scenario/history';
import type { RunStatus } from '../../scenario/result';

/**
 * The out-of-process adapter protocol, version 1: JSON lines over the adapter's stdin and
 * stdout. These types mirror docs/adapter-protocol.schema.json, which is what both sides
 * validate against; docs/adapter-protocol.md and docs/writing-an-adapter.md explain the rules
 * (one request at a time, deadlines, restarts).
 */

export const PROTOCOL_VERSION = 1 as const;

/** The adapter's first line. */
export interface HelloMessage {
  type: 'hello';
  protocol: number;
  name: string;
  version: string;
  runtime: string;
  capabilities: string[];
  scenarioModels: number[];
}

/** One recorded event of the run `id`, streamed as it happens. */
export interface EventMessage {
  type: 'event';
  id: string;
  event: HistoryEvent;
}

/** The end of the run `id`. */
export interface ResultMessage {
  type: 'result';
  id: string;
  status: RunStatus;
  final: { cells: Record<string, number>; [key: string]: Json };
  unfinished: string[];
  durationMs: number;
  error?: string;
  /** The adapter exits right after this message; the next scenario needs a new one. */
  exiting?: boolean;
}

/** With `id`: that request could not be run. Without: a problem outside any request. */
export interface ErrorMessage {
  type: 'error';
  id?: string;
  message: string;
  /** The adapter exits right after this message. */
  fatal?: boolean;
}

export type AdapterMessage = HelloMessage | EventMessage | ResultMessage | ErrorMessage;

export interface RunMessage {
  type: 'run';
  id: string;
  scenario: Scenario;
  /** Replaces the scenario's own deadlineMs. */
  deadlineMs: number;
}

export interface ShutdownMessage {
  type: 'shutdown';
}

export type HarnessMessage = RunMessage | ShutdownMessage;

export const ADAPTER_MESSAGE_TYPES: readonly AdapterMessage['type'][] = ['hello', 'event', 'result', 'error'];
export const HARNESS_MESSAGE_TYPES: readonly HarnessMessage['type'][] = ['run', 'shutdown'];
