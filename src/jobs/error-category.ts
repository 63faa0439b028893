/** The four kinds of failure: a fixed list, so it can be a metric label. */
export const ERROR_CATEGORIES = ['config', 'transient', 'permission', 'bug'] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];
