/**
 * Names as search keys, so that "McDonald", "Macdonald", "MACDONALD " and "mac donald" are one
 * name: lower case, accents and punctuation gone, spaces collapsed, and Mc/M' written Mac. Search
 * then compares keys by trigram similarity, which also forgives transposed and mistyped letters.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s'-]/g, ' ')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((part) => (part === 'mc' ? 'mac' : part.replace(/^m(?:c|')(?=[a-z])/, 'mac').replace(/'/g, '')))
    .join(' ')
    .replace(/\bmac (?=[a-z])/g, 'mac');
}

/** The key stored for a full name: first name then last name. */
export function searchKey(firstName: string, lastName: string): string {
  return nameKey(`${firstName} ${lastName}`);
}

/** Prison numbers as typed vary in case and spacing; stored and matched without either. */
export function normalisePrisonNumber(number: string): string {
  return number.replace(/\s+/g, '').toUpperCase();
}
