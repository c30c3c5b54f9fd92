/** The words in synthetic records: plan goals and actions, day-one agencies, places and short notes. */

export interface PlanTemplate {
  goal: string;
  action: string;
  owner: string;
}

/** Plan templates by need domain code; a domain not named here gets a general one. */
export const PLAN_TEMPLATES: Record<string, readonly PlanTemplate[]> = {
  accommodation: [
    { goal: 'Somewhere to stay on the day of liberation', action: 'Make a homeless application with the council', owner: 'Life coach with client' },
    { goal: 'A settled tenancy', action: 'Register with housing associations and attend viewings', owner: 'Client' },
  ],
  finance: [
    { goal: 'Benefits in payment', action: 'Make a Universal Credit claim and book the first appointment', owner: 'Life coach with client' },
    { goal: 'Debts under control', action: 'Book an appointment with a money adviser', owner: 'Client' },
  ],
  health: [
    { goal: 'Registered with a GP', action: 'Register with a GP practice near home', owner: 'Client' },
    { goal: 'Mental health support', action: 'Ask the GP for a referral to the community mental health team', owner: 'Life coach with client' },
  ],
  addiction: [
    { goal: 'Continuity of prescribing', action: 'Confirm the community addiction team appointment before liberation', owner: 'Life coach' },
    { goal: 'Stay away from drugs and alcohol', action: 'Go to a recovery café or mutual aid meeting each week', owner: 'Client' },
  ],
  family: [
    { goal: 'Contact with children', action: 'Refer to the family support co-ordinator', owner: 'Life coach' },
    { goal: 'Repair family relationships', action: 'Arrange a supported meeting with family', owner: 'Life coach with client' },
  ],
  education: [
    { goal: 'Better reading and writing', action: 'Enrol in an adult literacy class', owner: 'Client' },
    { goal: 'A college place', action: 'Apply for an access course at college', owner: 'Life coach with client' },
  ],
  employability: [
    { goal: 'Ready for work', action: 'Refer to the employment consultant', owner: 'Life coach' },
    { goal: 'A CV and references', action: 'Write a CV and get a disclosure letter', owner: 'Client' },
  ],
};

export function generalPlanTemplate(label: string): PlanTemplate {
  return { goal: `Progress with ${label.toLowerCase()}`, action: 'Agree the first step at the next meeting', owner: 'Life coach with client' };
}

export const DAY_ONE_AGENCIES: readonly (readonly [agency: string, purpose: string])[] = [
  ['Jobcentre Plus', 'Universal Credit claim'],
  ['Council homelessness service', 'Homeless assessment'],
  ['Community addiction team', 'Prescription and key worker'],
  ['GP practice', 'Registration and repeat prescription'],
  ['Citizens Advice', 'Benefits and debt advice'],
  ['Housing association', 'Tenancy sign-up'],
  ['Criminal justice social work', 'Licence and supervision'],
];

export const VISIT_PLACES = ['Agents visit room', 'Link centre', 'Hall', 'Throughcare office'] as const;

export const CONTACT_PLACES = ['Office', 'Café', "Client's home", 'Jobcentre', 'Library', 'Hostel'] as const;

export const CONTACT_NOTES = [
  'Talked through housing options.',
  'Went with client to the Jobcentre.',
  'Client in good spirits, keeping appointments.',
  'Client struggling this week; agreed to meet again soon.',
  'Helped fill in forms for benefits.',
  'Checked in by phone, no new problems.',
  'Discussed staying away from old associates.',
  'Client has started attending a recovery group.',
] as const;

export const GATE_NOTE = 'Met at the gate.';
export const RISK_NOTE = 'Meet in the office or a public place, not alone at home.';

/** Impact evidence: what an outcome of each starter type was; other types have no detail. */
export const OUTCOME_DETAILS: Record<string, readonly string[]> = {
  benefits: ['Universal Credit in payment', 'Personal Independence Payment awarded', 'Crisis grant from the Scottish Welfare Fund'],
  accommodation: ['Council tenancy signed', 'Housing association flat', 'Supported accommodation place', 'Private let with a deposit guarantee'],
  health_service: ['Registered with a GP', 'Seen by the community mental health team', 'Dental treatment started'],
  addiction_service: ['Prescription continued by the community addiction team', 'Started a recovery group', 'Key worker at the alcohol service'],
  training: ['Construction skills card course', 'Forklift licence course', 'Food hygiene certificate'],
  education: ['Access course at college', 'Adult literacy class', 'Evening class in computing'],
  debt: ['Debt payment plan agreed with the money adviser', 'Rent arrears payment plan'],
  volunteering: ['Volunteering at a food bank', 'Volunteering with a recovery café'],
  family_contact: ['Supported contact with children restored', 'Back in touch with family'],
};

export const EVIDENCE_REFERENCES = ['Copy on file', 'Seen by the life coach', 'Sent by email', 'Confirmed by phone with the agency'] as const;
export const REJECTION_REASONS = ['The evidence does not show the outcome', 'The date on the evidence is before liberation', 'Recorded twice'] as const;

/** Made-up employers and the jobs clients started with them. */
export const JOBS: readonly (readonly [employer: string, jobTitle: string])[] = [
  ['Clydeside Builders', 'Labourer'],
  ['Kelvin Catering', 'Kitchen porter'],
  ['Merchant City Hotel', 'Housekeeping assistant'],
  ['Northside Recycling', 'Sorting operative'],
  ['Strathclyde Removals', 'Driver’s mate'],
  ['Ayrshire Fresh Foods', 'Production operative'],
  ['Greenway Landscapes', 'Grounds maintenance worker'],
  ['Riverside Warehousing', 'Warehouse operative'],
  ['Southside Cafe Co-operative', 'Barista'],
  ['Lanark Scaffolding', 'Trainee scaffolder'],
  ['Own business', 'Window cleaner'],
];
export const EMPLOYABILITY_DETAILS = {
  cv: 'CV written with the employment consultant',
  application: 'Applied for a job',
  interview: 'Interview',
} as const;
export const LEFT_REASONS = ['Contract ended', 'Dismissed', 'Left for health reasons', 'Returned to custody', 'Moved away', 'Found another job'] as const;
export const HAND_OVER_REASON = 'Job-ready (synthetic data)';

export const READING_NOTES = [
  'Feels more settled since moving in.',
  'Finding it hard to keep busy during the day.',
  'Says things are going better with family.',
  'Worried about money this month.',
  'Keeping away from drink and proud of it.',
] as const;
