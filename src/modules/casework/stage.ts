/**
 * Where a client is, in words, and the colour of its tag: the one definition the case header and
 * the caseload lists show. (The caseload's "Liberated this week" is a filter across these stages.)
 */
export function stageOf(signUp: { closedOn: string | null; liberatedOn: string | null; engaged: boolean }): { text: string; colour: string } {
  if (signUp.closedOn) return { text: 'Closed', colour: 'grey' };
  if (!signUp.liberatedOn) return { text: 'In prison', colour: 'blue' };
  return signUp.engaged ? { text: 'Engaged', colour: 'green' } : { text: 'Not engaged yet', colour: 'orange' };
}
