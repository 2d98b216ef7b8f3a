// The order of the chart's draws (chartView.ts), apart from the DOM so that plain mocha tests it. Work runs one
// piece at a time, in the order asked: a draw still running when the chart is cleared (an empty result, a chart
// that could not be compiled) finishes before the clearing, never after it, so no older chart comes back over
// "no usage recorded" or "Could not draw…". A draw or a clearing supersedes every draw asked for before it: a
// superseded draw that has not started is skipped, and one that has resolves false, so that its caller does not
// take its chart for the one on screen.

export class DrawQueue {
  private tail: Promise<unknown> = Promise.resolve();
  /** Counts draws and clearings asked for: a draw is current while no later one has been. */
  private generation = 0;

  /**
   * Queues a draw. `work` gets `current`, true while nothing later was asked for. Resolves to whether the draw ran
   * and is still current when it ends; rejects with its error only if it is (a superseded draw's failure shows
   * nothing now).
   */
  draw(work: (current: () => boolean) => Promise<void>): Promise<boolean> {
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation;
    return this.enqueue(async () => {
      if (!current()) {
        return false;
      }
      try {
        await work(current);
      } catch (error) {
        if (current()) {
          throw error;
        }
      }
      return current();
    });
  }

  /** Queues the clearing of the chart after the draws asked for so far, and supersedes them. */
  clear(work: () => void): Promise<void> {
    this.generation++;
    return this.enqueue(async () => work());
  }

  /** Queues work that supersedes nothing (a theme change of the chart on screen). */
  run(work: () => Promise<void>): Promise<void> {
    return this.enqueue(work);
  }

  /** Resolves when everything queued so far has run. */
  async idle(): Promise<void> {
    await this.tail;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
