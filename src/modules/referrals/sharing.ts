/**
 * What a referral may show the agency besides the client's name, chosen by the coach when it is made
 * and only with the client's consent. The agency's pages show exactly these and nothing else of the
 * record: no contact notes, no other sign-ups. The database holds the same list (migration 0026).
 */
export const SHARED_ITEMS = {
  date_of_birth: 'Date of birth',
  contact_details: 'Their phone number, email and address',
  liberation_date: 'Their liberation date (expected or actual)',
  needs: 'The need this referral is about, and the reason for it',
  coach_contact: 'The coach’s name and email, to reply to',
} as const;

export type SharedItem = keyof typeof SHARED_ITEMS;

export const isSharedItem = (item: string): item is SharedItem => Object.hasOwn(SHARED_ITEMS, item);
