import type { Generated } from 'kysely';
import type { CreatedAt } from './columns.ts';

// Notifications about referrals (migration 0027); app_user.email_notifications is in foundation.ts.

export type NotificationKind = 'referral_sent' | 'referral_updated' | 'coach_note' | 'referral_answered' | 'agency_note' | 'referral_overdue';

export interface NotificationTable {
  programme_id: string;
  id: Generated<string>;
  user_id: string;
  kind: NotificationKind;
  referral_id: string;
  referral_event_id: string | null;
  due_on: string | null;
  created_at: CreatedAt;
  read_at: Date | null;
  emailed_at: Date | null;
}
