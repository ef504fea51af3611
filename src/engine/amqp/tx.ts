import type { AmqpEvent } from './events';
import { evolveAmqp } from './evolve';
import { cloneAmqpState, type AmqpState } from './state';

/** Most events one decision may produce (dead-letter cascades): beyond it the cascade stops. */
export const MAX_EVENTS_PER_DECISION = 20_000;

/**
 * A decision in progress: events are applied to a private draft (cloned on the first event) so
 * later parts of the decision see earlier ones, and the caller's state is never touched.
 */
export class Tx {
  readonly events: AmqpEvent[] = [];
  private draft: AmqpState | null = null;
  constructor(
    private readonly base: AmqpState,
    readonly timeUs: number,
  ) {}
  get s(): AmqpState {
    return this.draft ?? this.base;
  }
  get full(): boolean {
    return this.events.length >= MAX_EVENTS_PER_DECISION;
  }
  emit(e: AmqpEvent): void {
    if (this.draft === null) this.draft = cloneAmqpState(this.base);
    evolveAmqp(this.draft, e);
    this.events.push(e);
  }
}
