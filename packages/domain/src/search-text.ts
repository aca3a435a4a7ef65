/**
 * Folds text for search: lower case, accents removed, spaces collapsed. Stored in `search_name`
 * columns (trigram-indexed) and applied to search input, so "José" finds "jose" and vice versa
 * without the `unaccent` extension (not immutable, so not indexable, and absent from some servers).
 */
export function foldSearchText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function personSearchName(name: string, surname?: string | null): string {
  return foldSearchText(surname ? `${name} ${surname}` : name);
}
