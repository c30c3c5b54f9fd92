import { randomInt } from 'node:crypto';

/**
 * Record ids for synthetic rows, in the UUID version 7 layout: the run's start time, 12 random bits
 * for the run, then a counter. Each id is greater than the one before, so primary-key and
 * foreign-key indexes grow at their right-hand end instead of at random places, which keeps
 * loading millions of rows quick; ids of different runs differ by their time and random bits.
 */
export class IdSequence {
  private readonly prefix: string;
  private counter = 0;

  constructor(startedAt = Date.now()) {
    const time = startedAt.toString(16).padStart(12, '0').slice(-12);
    this.prefix = `${time.slice(0, 8)}-${time.slice(8)}-7${randomInt(0x1000).toString(16).padStart(3, '0')}-8`;
  }

  next(): string {
    this.counter += 1;
    const count = this.counter.toString(16).padStart(15, '0');
    return `${this.prefix}${count.slice(0, 3)}-${count.slice(3)}`;
  }
}
