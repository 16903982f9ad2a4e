/**
 * Bytes that reads running ahead may hold at once. A read waits until its bytes fit; one read always
 * fits when nothing else is held, so a single file at the size limit can never wait forever.
 */
export class ByteBudget {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  async acquire(bytes: number): Promise<void> {
    while (this.held > 0 && this.held + bytes > this.capacity) await new Promise<void>((r) => this.waiting.push(r));
    this.held += bytes;
  }

  release(bytes: number): void {
    this.held -= bytes;
    for (const wake of this.waiting.splice(0)) wake();
  }
}
