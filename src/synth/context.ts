// What every kind builder needs besides its spec: repo settings and each spec's known expiry.
import type { IntentSpec, SynthSettings } from '../specs/model.js';
import { specKey } from '../specs/model.js';

export interface SynthContext {
  settings: SynthSettings;
  /** The absolute expiry to tag `spec` with, when one is known. */
  expiresAt(spec: IntentSpec): string | undefined;
  /** Every OktaGroup spec name in the synthesis (a stack of the per-spec layout holds only its own). */
  groups: ReadonlySet<string>;
  /** OktaGroup specs the change being synthesised adds: their ids can only be read once they have applied. */
  newGroups: ReadonlySet<string>;
  /** Resource address → the id of the existing object to import into it (a layout migration). */
  imports: ReadonlyMap<string, string>;
}

/** A spec's own `expiresAt` wins; a ttl spec has one only once its first apply fixed the deadline (`expiries`). */
export function createContext(
  settings: SynthSettings,
  expiries?: ReadonlyMap<string, string>,
  groups: { all: ReadonlySet<string>; new: ReadonlySet<string> } = { all: new Set(), new: new Set() },
  imports: ReadonlyMap<string, string> = new Map(),
): SynthContext {
  return {
    settings,
    expiresAt: (spec) => spec.metadata.expiresAt ?? expiries?.get(specKey(spec)),
    groups: groups.all,
    newGroups: groups.new,
    imports,
  };
}
