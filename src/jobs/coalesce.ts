/**
 * Calls `fn` once, at the end of the current event-loop turn (setImmediate), for all the calls made during it: a
 * group commit settles a burst of deliveries together, and the threads need one wake-up message, not one each.
 */
export function coalesce(fn: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      fn();
    });
  };
}
