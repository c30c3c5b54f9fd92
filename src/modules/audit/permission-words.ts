import { codeWords } from './record-words.ts';

/**
 * The policy's actions (auth/policy.ts) in words, for the audit log's refusals ("Needed permission:
 * manage users"). An action not listed yet is said in words from its code.
 */
const PERMISSION_NAMES: Record<string, string> = {
  'home.view': 'see the home page',
  'account.use': 'use their account',
  'reference.read': 'read prisons, teams and areas',
  'reference.manage': 'manage prisons, teams and areas',
  'users.read': 'read users',
  'users.manage': 'manage users',
  'users.deactivate': 'deactivate a user',
  'secondFactor.reset': 'reset a user’s second factor',
  'apiTokens.own': 'make their own API tokens',
  'apiTokens.revokeOwn': 'revoke their own API token (not someone else’s)',
  'apiTokens.manage': 'see and revoke the programme’s API tokens',
  'read-write token': 'an API token that may change records (this one may only read)',
  'audit.read': 'read the audit log',
  'people.read': 'read a person’s record',
  'people.write': 'record work with a person',
  'people.create': 'add people and sign them up',
  'people.allocate': 'allocate clients to workers',
  'people.merge': 'merge records',
  'signups.override': 'sign up outside the eligibility rules',
  'diary.read': 'read a diary',
  'diary.team': 'read the team’s diaries',
  'contacts.notes': 'read contact notes',
  'casework.correct': 'correct a record',
  'outcomes.verify': 'verify an outcome',
  'employment.handOver': 'hand a client to an employment consultant',
  'custody.returnInError': 'mark a return to custody entered in error',
  'signups.reopen': 'reopen a sign-up',
  'caseload.read': 'read a caseload',
  'caseload.team': 'read the team’s caseload',
  'caseload.move': 'move clients between workers',
  'reports.read': 'read reports',
  'reports.returns': 'read the return-to-custody analysis',
  'reports.agencyFeedback': 'read an agency’s feedback report',
  'imports.run': 'import spreadsheets',
  'imports.undo': 'undo an import',
  'exports.programme': 'export the whole programme',
  'exports.subjectAccess': 'answer a subject access request',
  'exports.research': 'download the research extract',
  'settings.manage': 'manage the programme’s settings',
  'retention.manage': 'manage how long records are kept',
  'agencies.read': 'search the agency directory',
  'agencies.write': 'keep the agency directory and agreements',
};

export const permissionName = (action: string): string => PERMISSION_NAMES[action] ?? codeWords(action);
