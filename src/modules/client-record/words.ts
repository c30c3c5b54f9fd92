/** A stored code in words, for when a list no longer holds its label: "returned_to_custody" → "Returned to custody". */
export function codeWords(code: string | null): string | null {
  if (!code) return null;
  const words = code.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The help given at a contact, in words. */
const HELP_WORDS: Record<string, string> = { accompanied: 'Accompanied', advocated: 'Advocated', signposted: 'Signposted' };
export const helpGivenWords = (codes: readonly string[]) =>
  codes
    .map((code, i) => {
      const word = HELP_WORDS[code] ?? codeWords(code) ?? '';
      return i === 0 ? word : word.toLowerCase();
    })
    .join(', ');
