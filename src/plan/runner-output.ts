// Bounded capture of a child's output: the first and last parts, with a marker for what was dropped.
import type { Redactor } from './runner-redact.js';

/**
 * Keeps at most `maxBytes` of everything written: the first half and the most recent half. Redaction happens
 * on the assembled text, so a secret split across chunks is still found.
 */
export class BoundedOutput {
  private readonly headMax: number;
  private readonly tailMax: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(maxBytes: number) {
    this.headMax = Math.floor(maxBytes / 2);
    this.tailMax = maxBytes - this.headMax;
  }

  get totalBytes(): number {
    return this.total;
  }

  write(chunk: Buffer | string): void {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.total += buf.length;
    if (this.headBytes < this.headMax) {
      const take = Math.min(this.headMax - this.headBytes, buf.length);
      // Copy so that a huge chunk's memory is not retained by a small slice of it.
      this.head.push(Buffer.from(buf.subarray(0, take)));
      this.headBytes += take;
      buf = buf.subarray(take);
    }
    if (buf.length === 0) return;
    this.tail.push(buf);
    this.tailBytes += buf.length;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0]!.length >= this.tailMax) {
      this.tailBytes -= this.tail.shift()!.length;
    }
    if (this.tailBytes > 2 * this.tailMax) {
      const all = Buffer.concat(this.tail);
      this.tail = [Buffer.from(all.subarray(all.length - this.tailMax))];
      this.tailBytes = this.tailMax;
    }
  }

  /** The captured text, redacted, with "… N bytes omitted …" where the middle was dropped. */
  text(redactor: Redactor): string {
    const all = Buffer.concat(this.tail);
    const kept = all.subarray(Math.max(0, all.length - this.tailMax));
    const omitted = this.total - this.headBytes - kept.length;
    if (omitted === 0) return redactor.redact(Buffer.concat([...this.head, kept]).toString('utf8'));
    const edges = redactor.redactEdges(Buffer.concat(this.head).toString('utf8'), kept.toString('utf8'));
    return `${edges.head}\n… ${omitted} bytes omitted …\n${edges.tail}`;
  }
}

/** Captures a stream whole (the plan JSON), refusing to grow past `maxBytes`. */
export class WholeOutput {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  overflowed = false;

  constructor(private readonly maxBytes: number) {}

  /** Returns false once the cap is exceeded (the caller stops the child). */
  write(chunk: Buffer): boolean {
    if (this.overflowed) return false;
    if (this.bytes + chunk.length > this.maxBytes) {
      this.overflowed = true;
      this.chunks.length = 0;
      return false;
    }
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
