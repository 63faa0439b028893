// The per-resource diff model: what summarizePlan hands to renderers and to callers reading `attributes`.

export interface AttributeChange {
  path: string;
  /** Display text (JSON for known values); absent when the side has no value (null or missing). */
  before?: string;
  after?: string;
  sensitive: boolean;
  unknown: boolean;
  /** The path is listed in `replace_paths`. */
  forcesReplacement?: boolean;
  /** Shown instead of the values (e.g. hidden user data); the values themselves are left out. */
  flag?: string;
}

/** Context between changes: `3 unchanged elements hidden`. Shown before `attributes[at]` (or at the end). */
export interface DiffNote {
  at: number;
  path: string;
  text: string;
}

export interface AttributeDiffResult {
  attributes: AttributeChange[];
  notes: DiffNote[];
}

export interface DiffOptions {
  /** Top-level attributes shown as a user-data flag, never as text. */
  flagged?: readonly string[];
  /** Plans without sensitivity markers (format 0.1): hide values whose name looks secret. */
  guessSensitive?: boolean;
}
