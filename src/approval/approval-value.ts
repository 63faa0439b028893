// What an Approve / Reject button carries: `1|<owner/repo>|<pr>|<head sha>|<plan ids>`. Slack caps a button value at
// 2,000 characters (https://docs.slack.dev/reference/block-kit/block-elements/button-element), which ~50 plan ids
// exceed; past that the ids are replaced by `#<digest>` of the sorted ids. The ids themselves are then read back from
// the store (`latestPlans` for the PR and head SHA) and only count when their digest matches.
import { createHash } from 'node:crypto';

export const MAX_BUTTON_VALUE = 2000;

const VERSION = '1';
const REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const PLAN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DIGEST = /^[0-9a-f]{32}$/;

/** The plans a message asks about: their ids, or (for long lists) a digest of them. */
export type PlanRef = { ids: string[] } | { digest: string };

export interface ApprovalValue {
  repo: string;
  pr: number;
  headSha: string;
  plans: PlanRef;
}

/** 128 bits of SHA-256 over the sorted ids: order-free, and a different set cannot match by accident. */
export function planIdsDigest(ids: readonly string[]): string {
  return createHash('sha256')
    .update([...ids].sort().join('\n'))
    .digest('hex')
    .slice(0, 32);
}

export class ApprovalValueError extends Error {
  override readonly name = 'ApprovalValueError';
  readonly code = 'invalid-approval-value';
}

export function encodeApprovalValue(input: { repo: string; pr: number; headSha: string; planIds: string[] }): string {
  const { repo, pr, headSha, planIds } = input;
  if (!REPO.test(repo)) throw new ApprovalValueError(`not a repository name: ${repo}`);
  if (!Number.isSafeInteger(pr) || pr < 1) throw new ApprovalValueError(`not a pull request number: ${pr}`);
  if (!SHA.test(headSha)) throw new ApprovalValueError(`not a commit sha: ${headSha}`);
  if (planIds.length === 0) throw new ApprovalValueError('an approval request needs at least one plan');
  const bad = planIds.find((id) => !PLAN_ID.test(id));
  if (bad !== undefined) throw new ApprovalValueError(`not a plan id: ${bad}`);
  const head = [VERSION, repo, String(pr), headSha].join('|');
  const inline = `${head}|${[...planIds].sort().join(',')}`;
  return inline.length <= MAX_BUTTON_VALUE ? inline : `${head}|#${planIdsDigest(planIds)}`;
}

/** Parses a button value; throws ApprovalValueError on anything we did not write. */
export function decodeApprovalValue(value: string): ApprovalValue {
  const parts = value.split('|');
  const [version, repo, pr, headSha, plans] = parts;
  if (parts.length !== 5 || version !== VERSION) throw new ApprovalValueError('unknown approval value format');
  if (!REPO.test(repo!) || !/^[1-9]\d{0,9}$/.test(pr!) || !SHA.test(headSha!))
    throw new ApprovalValueError('malformed approval value');
  const base = { repo: repo!, pr: Number(pr), headSha: headSha! };
  if (plans!.startsWith('#')) {
    const digest = plans!.slice(1);
    if (!DIGEST.test(digest)) throw new ApprovalValueError('malformed plan digest');
    return { ...base, plans: { digest } };
  }
  const ids = plans!.split(',');
  if (!ids.every((id) => PLAN_ID.test(id))) throw new ApprovalValueError('malformed plan ids');
  return { ...base, plans: { ids } };
}

/** True when the referenced plans are exactly the given ones (same set). */
export function matchesPlans(ref: PlanRef, planIds: readonly string[]): boolean {
  if ('digest' in ref) return planIds.length > 0 && planIdsDigest(planIds) === ref.digest;
  const asked = new Set(ref.ids);
  const current = new Set(planIds);
  return asked.size === current.size && [...asked].every((id) => current.has(id));
}
