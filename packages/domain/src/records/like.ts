import { foldSearchText } from '../search-text.js';

/** `%<folded text>%` for LIKE on a folded column, with LIKE's wildcards in the input escaped. */
export function containsPattern(text: string): string {
  return `%${foldSearchText(text).replace(/[%_\\]/g, '\\$&')}%`;
}

/**
 * The tsquery for `patients.search_keys` (see the patient_search_keys migration): one word finds
 * names with a word starting with it ("sant" -> Santoso); several find names with that run of
 * words, the last one partial ("rahma sant" -> Siti Rahma Santoso). An indexed prefix lookup whose
 * cost follows the matches, not the table (docs/benchmarks.md). Undefined when nothing is left to
 * search for after folding.
 */
export function nameKeyQuery(text: string): string | undefined {
  const folded = foldSearchText(text);
  if (!folded) return undefined;
  const key = `${folded.includes(' ') ? 'k' : 'w'}:${folded}`;
  return `'${key.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;
}
