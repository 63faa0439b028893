export type StoreErrorCode =
  | 'unsupported-database-url'
  | 'invalid-schema-name'
  | 'schema-too-new'
  | 'migration-failed'
  | 'invalid-input'
  | 'not-found'
  | 'lock-contention';

/** A store failure with a stable code; the driver's error, when there is one, is the `cause`. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
