// Sends captured blocks to `capture.append` in order, with at most a couple in flight, so a slow
// host builds a visible backlog here instead of an unbounded pile of outstanding calls.
import type { AppError, Result } from '../../../shared/contract';

export type Sender<T> = (pcm: Uint8Array<ArrayBuffer>) => Promise<Result<T>>;

export class AppendPump<T> {
  readonly #queue: Uint8Array<ArrayBuffer>[] = [];
  readonly #idle: (() => void)[] = [];
  #inFlight = 0;
  #closed = false;

  constructor(
    private readonly send: Sender<T>,
    private readonly onResult: (value: T) => void,
    private readonly onError: (error: AppError) => void,
    private readonly maxInFlight = 2,
  ) {}

  /** Blocks waiting to be sent (not counting those in flight). */
  get backlog(): number {
    return this.#queue.length;
  }

  push(pcm: Uint8Array<ArrayBuffer>): void {
    if (this.#closed) {
      return;
    }
    this.#queue.push(pcm);
    this.#pump();
  }

  /** Resolves once everything pushed so far has been answered (or the pump was closed). */
  drain(): Promise<void> {
    if (this.#settled()) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#idle.push(resolve);
    });
  }

  /** Drops what has not been sent and refuses more (consent withdrawn, or the host is gone). */
  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
    this.#wake();
  }

  #settled(): boolean {
    return this.#inFlight === 0 && (this.#queue.length === 0 || this.#closed);
  }

  #pump(): void {
    while (!this.#closed && this.#inFlight < this.maxInFlight && this.#queue.length > 0) {
      const pcm = this.#queue.shift();
      if (pcm === undefined) {
        break;
      }
      this.#inFlight += 1;
      void this.send(pcm).then((result) => {
        this.#inFlight -= 1;
        // Once closed on purpose (withdrawal, host gone), late answers change nothing.
        if (!this.#closed) {
          if (result.ok) {
            this.onResult(result.value);
          } else {
            this.close();
            this.onError(result.error);
          }
        }
        this.#pump();
        this.#wake();
      });
    }
  }

  #wake(): void {
    if (this.#settled()) {
      for (const resolve of this.#idle.splice(0)) {
        resolve();
      }
    }
  }
}
