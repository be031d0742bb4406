import { invalidArgument } from '@agentic-commerce/kit';

/** Digits of a zip code that name a delivery area (US sectional center: the first three). */
export const AREA_PREFIX_LENGTH = 3;

/** The delivery area of a 5-digit zip code, e.g. "10083" -> "100". */
export function areaOf(zip: string): string {
  if (!/^\d{5}$/.test(zip)) throw invalidArgument(`zip "${zip}" is invalid: use a 5-digit zip code such as "10083"`);
  return zip.slice(0, AREA_PREFIX_LENGTH);
}
