/**
 * JSON Schema building blocks shared by the canonical petition schema and the national case
 * schema, so a text limit or an administrative-code pattern is defined once.
 */

/** Free text such as a petition summary. */
export const text = { type: 'string', minLength: 1, maxLength: 20000 } as const;
/** A name, a code or a short label. */
export const shortText = { type: 'string', minLength: 1, maxLength: 500 } as const;
/** A calendar date, YYYY-MM-DD, in Vietnam local time. */
export const date = { type: 'string', format: 'date' } as const;
/** Administrative unit codes (NSO numbering): province 2 digits, district 3, commune 5. */
export const provinceCode = { type: 'string', pattern: '^[0-9]{2}$' } as const;
/** District code (3 digits); districts were abolished on 1/7/2025 but old records carry them. */
export const districtCode = { type: 'string', pattern: '^[0-9]{3}$' } as const;
/** Commune, ward or special-zone code (5 digits). */
export const communeCode = { type: 'string', pattern: '^[0-9]{5}$' } as const;
