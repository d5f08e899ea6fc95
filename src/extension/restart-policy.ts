// When a dead language server is started again: always, unless it has died more than `limit`
// times within `windowMs` (a server that crashes at start-up must not loop forever). Plain
// logic without `vscode`, so it is unit-tested under node.

export interface RestartDecision {
  restart: boolean;
  /** Deaths within the window, this one included. */
  recent: number;
}

export class RestartPolicy {
  private readonly deaths: number[] = [];

  constructor(
    readonly limit = 5,
    readonly windowMs = 3 * 60_000,
  ) {}

  /** Record a death at `now` (ms) and decide. */
  onDeath(now: number): RestartDecision {
    this.deaths.push(now);
    while (this.deaths.length > 0 && now - (this.deaths[0] ?? now) > this.windowMs) this.deaths.shift();
    return { restart: this.deaths.length <= this.limit, recent: this.deaths.length };
  }
}
