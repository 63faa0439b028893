// EC2 user data often carries bootstrap secrets, yet AWS provider 6 no longer marks it sensitive: a plan would show
// it in clear text. It is shown as a flag (changed or not, sizes) unless the spec says it holds nothing secret.
import { formatNumber } from './render-escape.js';

/** Resource types whose `user_data`/`user_data_base64` are hidden by default. */
export const USER_DATA_TYPES: ReadonlySet<string> = new Set([
  'aws_instance',
  'aws_launch_template',
  'aws_launch_configuration',
  'aws_spot_instance_request',
]);
export const USER_DATA_ATTRIBUTES: readonly string[] = ['user_data', 'user_data_base64'];

const size = (value: unknown): string | undefined =>
  typeof value === 'string' ? `${formatNumber(Buffer.byteLength(value, 'utf8'))} bytes` : undefined;

/** The flag text, or `undefined` when nothing changed (both sides equal and known). */
export function userDataFlag(before: unknown, after: unknown, afterUnknown: boolean): string | undefined {
  const had = size(before);
  const has = afterUnknown ? '(known after apply)' : size(after);
  if (!afterUnknown && before === after) return undefined;
  if (!had && !has) return undefined;
  if (!had) return `(user data hidden: added, ${has})`;
  if (!has) return `(user data hidden: removed, ${had})`;
  return `(user data hidden: changed, ${had.replace(' bytes', '')} → ${has})`;
}
