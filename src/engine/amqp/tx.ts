import type { AmqpEvent } from './events';
import { evolveAmqp } from './evolve';
import { cloneAmqpState, type AmqpState } from './state';

/** Most events one decision may produce (dead-letter cascades): beyond it the cascade stops. */
export const MAX_EVENTS_PER_DECISION = 20_000;

/**
 * A decision in progress. Events are kept and applied lazily to a private draft: only when the
 * decision reads the state after emitting (`s`) is the caller's state cloned, so a plain publish,
 * ack or delivery costs no copy. The caller's state is never touched.
 */
export class Tx {
  readonly events: AmqpEvent[] = [];
  private pending: AmqpEvent[] = [];
  private draft: AmqpState | null = null;
  constructor(
    private readonly base: AmqpState,
    readonly timeUs: number,
  ) {}
  /** The state with every event emitted so far applied. */
  get s(): AmqpState {
    if (this.pending.length > 0) {
      if (this.draft === null) this.draft = cloneAmqpState(this.base);
      for (const e of this.pending) evolveAmqp(this.draft, e);
      this.pending = [];
    }
    return this.draft ?? this.base;
  }
  get full(): boolean {
    return this.events.length >= MAX_EVENTS_PER_DECISION;
  }
  emit(e: AmqpEvent): void {
    this.events.push(e);
    this.pending.push(e);
  }
}
