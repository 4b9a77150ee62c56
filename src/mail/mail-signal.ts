import { Injectable } from '@nestjs/common';

/** Tells the worker that a mail was queued, so it need not wait for its next poll. */
@Injectable()
export class MailSignal {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wake(): void {
    for (const listener of this.listeners) listener();
  }
}
