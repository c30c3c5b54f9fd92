import type { FamilyRowKind } from './family-fields.ts';
import { FamilyMemberRows } from './family-member-rows.ts';
import { FamilyReferralRows } from './family-referral-rows.ts';
import { FamilySupportRows } from './family-support-rows.ts';
import type { ReadRow, RunState } from './run-state.ts';

/**
 * The handler of a pass over a family support list: families and referrals, members, or support
 * given (issue 15). Each keeps what the file's earlier rows brought (families, members, referral
 * dates) for the rows after them.
 */
export function familyHandlerFor(state: RunState, kind: FamilyRowKind): (rows: ReadRow[]) => Promise<void> {
  const rows =
    kind === 'family_referrals' ? new FamilyReferralRows(state) : kind === 'family_members' ? new FamilyMemberRows(state) : new FamilySupportRows(state);
  return (batch) => rows.handleBatch(batch);
}
