/**
 * Work arrays kept from one call to the next. A change to a list of 100,000 articles needs a few
 * arrays the size of the list for a moment; made afresh, each costs the page faults of new memory
 * (on our machines about 13 µs per 4 KB page: 1,200-1,800 faults, 15-30 ms, per change, more than
 * the work itself). Kept, their pages stay mapped and only need filling.
 */
export class Scratch<T extends Int32Array | Uint8Array> {
  private buffer: T;

  constructor(private readonly make: (length: number) => T) {
    this.buffer = make(0);
  }

  /**
   * The first `length` entries, each set to `fill`: valid until this scratch is taken again, so
   * never kept, nor handed to anything that keeps it or takes the same scratch meanwhile.
   */
  take(length: number, fill: number): T {
    if (this.buffer.length < length) this.buffer = this.make(Math.max(length, Math.ceil(this.buffer.length * 1.25)));
    const view = this.buffer.subarray(0, length) as T;
    view.fill(fill);
    return view;
  }
}

export const scratchInt32 = (): Scratch<Int32Array> => new Scratch((length) => new Int32Array(length));
export const scratchUint8 = (): Scratch<Uint8Array> => new Scratch((length) => new Uint8Array(length));
