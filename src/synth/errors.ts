// Synthesis errors. Validation upstream rules these out; they exist so a broken model fails loudly, never half-built.

export type SynthErrorCode =
  /** IamSsoRole specs exist but the repo config has no `sso` section. */
  | 'sso-settings-missing'
  /** A spec refers to an OktaGroup spec that is not in the model. */
  | 'unknown-group'
  /** Two specs share a kind and name. */
  | 'duplicate-spec'
  /** A stack name that cannot be a directory name under `<out>/stacks`. */
  | 'invalid-stack-name';

export class SynthError extends Error {
  override readonly name = 'SynthError';
  constructor(
    readonly code: SynthErrorCode,
    message: string,
  ) {
    super(message);
  }
}
