import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

// Referrals from a sign-up to a service, and every step of each (migration 0026).

export type ReferralMode = 'live' | 'logged';
export type ReferralStatus =
  | 'sent'
  | 'accepted'
  | 'declined'
  | 'appointment_booked'
  | 'attended'
  | 'did_not_attend'
  | 'outcome_recorded'
  | 'closed'
  | 'withdrawn';
export type ReferralEventKind = ReferralStatus | 'logged' | 'note' | 'entered_in_error';

export interface ReferralTable {
  programme_id: string;
  id: Generated<string>;
  episode_id: string;
  service_id: string | null;
  organisation_id: string | null;
  agency_name: string | null;
  mode: ReferralMode;
  need_domain: string;
  need_domain_list: ColumnType<'need_domain', never, never>;
  reason: string;
  urgency: 'routine' | 'soon' | 'urgent';
  shared: Generated<string[]>;
  shared_note: string | null;
  consent: 'given' | 'refused';
  consent_how: 'verbal' | 'written' | 'electronic' | null;
  consent_on: string;
  consent_recorded_by: string;
  consent_recorded_at: Generated<Date>;
  status: Generated<ReferralStatus>;
  sent_on: string;
  answer_due_on: string;
  answered_on: string | null;
  decline_reason: string | null;
  appointment_on: string | null;
  appointment_time: string | null;
  first_appointment_on: string | null;
  attended_on: string | null;
  accompanied: boolean | null;
  outcome_result: string | null;
  outcome_note: string | null;
  outcome_id: string | null;
  closed_on: string | null;
  withdrawn_reason: string | null;
  created_by: string;
  created_at: CreatedAt;
  version: Generated<number>;
  updated_at: Generated<UpdatedAt>;
  updated_by: string | null;
  entered_in_error_at: Date | null;
  entered_in_error_by: string | null;
  entered_in_error_reason: string | null;
}

export interface ReferralEventTable {
  programme_id: string;
  id: Generated<string>;
  referral_id: string;
  kind: ReferralEventKind;
  happened_on: string;
  recorded_at: Generated<Date>;
  recorded_by: string;
  by_agency: Generated<boolean>;
  decline_reason: string | null;
  appointment_on: string | null;
  appointment_time: string | null;
  accompanied: boolean | null;
  outcome_result: string | null;
  note: string | null;
}
