/** The disclosure checks a programme starts with (Disclosure Scotland's; migration 0031 gives them to existing programmes). */
export const STAFF_LISTS = {
  disclosure_type: [
    ['basic', 'Basic disclosure'],
    ['standard', 'Standard disclosure'],
    ['enhanced', 'Enhanced disclosure'],
    ['pvg', 'PVG scheme membership'],
  ] as [code: string, label: string][],
};

export const STAFF_LIST_TITLES = {
  disclosure_type: { title: 'Disclosure types', description: 'The vetting checks staff hold (in England and Wales, DBS checks)' },
};
