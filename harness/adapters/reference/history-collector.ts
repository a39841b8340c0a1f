import type { HistoryEvent } from '../../scenario/history';

/**
 * Assembles one run's history on the main thread from the events every actor worker sends.
 * Actors run one op at a time, so each has at most one invocation without a completion; when a
 * run ends with actors still blocked, those invocations are completed with `info` (the outcome
 * is unknown), which is what keeps the history well-formed for checkers.
 */
export class HistoryCollector {
  private readonly events: HistoryEvent[] = [];
  private readonly pending = new Map<string, HistoryEvent>();

  add(event: HistoryEvent): void {
    this.events.push(event);
    if (event.type === 'invoke') this.pending.set(event.actor, event);
    else this.pending.delete(event.actor);
  }

  /** Actors whose last recorded event is an invocation. */
  pendingActors(): string[] {
    return [...this.pending.keys()];
  }

  /** Completes every open invocation with `info` at `time` (ms since the start). */
  closePending(time: number, message: (actor: string) => string): void {
    for (const invoke of this.pending.values()) {
      this.events.push({
        type: 'info',
        actor: invoke.actor,
        f: invoke.f,
        ...(invoke.target === undefined ? {} : { target: invoke.target }),
        message: message(invoke.actor),
        // Never before its own invocation, even if the clock reading raced the event.
        time: Math.max(time, invoke.time),
        path: invoke.path,
      });
    }
    this.pending.clear();
  }

  /**
   * The history in real-time order. Each event was timestamped on its own thread from the
   * shared monotonic clock, so sorting by time (stable, keeping each actor's own order for
   * equal times) gives one global order consistent with what happened.
   */
  history(): HistoryEvent[] {
    return this.events
      .map((event, seq) => ({ event, seq }))
      .sort((a, b) => a.event.time - b.event.time || a.seq - b.seq)
      .map(({ event }) => event);
  }
}
