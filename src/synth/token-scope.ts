// CDKTF registers every token it creates (each `bucket.id`, each reference) in one process-wide map and never removes
// them; each token holds its construct, so every synthesis kept its whole construct tree alive: ~5.6 MB per synthesis
// of the 500-spec benchmark, without bound in a long-running app. `withTokenScope` forgets the tokens registered
// while `fn` ran, once its output is plain JSON.
//
// Safe because synthesis is synchronous (nothing else registers tokens meanwhile) and its constructs are dropped at
// the end; the map's insertion order tells which entries are new. The map lives on `globalThis.__cdktfTokenMap`
// (cdktf/lib/tokens/private/token-map.js), created when cdktf loads; if its shape ever differs, nothing is pruned.
import { engine } from './engine.js';

interface TokenMapShape {
  stringTokenMap: Map<unknown, unknown>;
  numberTokenMap: Map<unknown, unknown>;
}

const tokenMap = (): TokenMapShape | undefined => {
  const candidate = (globalThis as { __cdktfTokenMap?: Partial<TokenMapShape> }).__cdktfTokenMap;
  return candidate?.stringTokenMap instanceof Map && candidate.numberTokenMap instanceof Map
    ? (candidate as TokenMapShape)
    : undefined;
};

export function withTokenScope<T>(fn: () => T): T {
  engine(); // loads cdktf first: tokens registered at load time (none in 0.21.0) are never ours to forget
  const map = tokenMap();
  if (!map) return fn();
  const { size: strings } = map.stringTokenMap;
  const { size: numbers } = map.numberTokenMap;
  try {
    return fn();
  } finally {
    forgetAfter(map.stringTokenMap, strings);
    forgetAfter(map.numberTokenMap, numbers);
  }
}

function forgetAfter(map: Map<unknown, unknown>, keep: number): void {
  let index = 0;
  // Deleting while iterating is well-defined for a Map; no copy of its keys (it is called once per stack).
  for (const key of map.keys()) if (index++ >= keep) map.delete(key);
}
