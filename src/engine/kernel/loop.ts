/**
 * The run loop, for any set of systems: wake the earliest actor, let it decide what happens
 * (events, past-tense facts), apply them with evolve (the only code that changes state), hand
 * them to the caller. It knows no broker: a `Stepper` tells it how to do each of those for one
 * world (Kafka alone, or Kafka and RabbitMQ composed by src/engine/world.ts).
 *
 * It also enforces the kernel's invariants, whatever the systems:
 * - sim time never goes back (an actor woken before the last event, or deciding an event at
 *   another time than its wake, is an engine bug);
 * - an actor woken with nothing to do is a bug ("engine stalled");
 * - an actor woken again and again at one instant without moving work on is a bug ("engine
 *   livelock"); the system says which events move work on.
 */
export interface Stepper<S, E extends { timeUs: number }> {
  /** The actor that acts next (earliest wake, ties to the lower index), -1 when none. */
  nextActor(s: S): number;
  /** When `actor` is due (µs). */
  wakeOf(s: S, actor: number): number;
  /** The time of the last event applied (µs). */
  nowUs(s: S): number;
  decide(s: S, actor: number): E[];
  evolve(s: S, e: E): void;
  /** Whether a step whose first event is `e` moves the run's work on (see kafka/progress.ts). */
  movesWorkOn(e: E): boolean;
  /** Steps in a row at one instant without moving work on before a livelock is reported. */
  livelockLimit(s: S): number;
}

/** Runs `world` until the next actor is due after `untilUs`. Returns the number of events. */
export function runLoop<S, E extends { timeUs: number }>(
  world: Stepper<S, E>,
  state: S,
  untilUs: number,
  emit: (e: E) => void,
): number {
  let n = 0;
  let sameTime = 0;
  let lastT = -1;
  const limit = world.livelockLimit(state);
  for (;;) {
    const a = world.nextActor(state);
    if (a < 0) break;
    const t = world.wakeOf(state, a);
    if (t > untilUs) break;
    // Sim time never goes back: an actor woken for a past deadline would stamp its events
    // earlier than events already in the log (a wake must be max(now, deadline)).
    const now = world.nowUs(state);
    if (t < now)
      throw new Error(`sim time went back: actor ${a} woke at ${t}µs after an event at ${now}µs`);
    const evs = world.decide(state, a);
    if (evs.length === 0)
      throw new Error(`engine stalled: actor ${a} woke at ${t}µs and decided nothing`);
    for (const e of evs)
      if (e.timeUs !== t)
        throw new Error(
          `sim time: actor ${a} woke at ${t}µs but decided an event at ${e.timeUs}µs`,
        );
    // Last-resort bug detector: valid input never gets here (see kafka/progress.ts).
    if (t === lastT && !world.movesWorkOn(evs[0]!)) {
      if (++sameTime > limit) throw new Error(`engine livelock at ${t}µs (actor ${a})`);
    } else {
      lastT = t;
      sameTime = 0;
    }
    for (const e of evs) {
      world.evolve(state, e);
      emit(e);
      n++;
    }
  }
  return n;
}
