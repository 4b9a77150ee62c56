import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
// the JS module of the metadata (not the .json file: JSON imports need import attributes under jest)
import metadata from 'libphonenumber-js/min/metadata';
import { DateTime } from 'luxon';

/**
 * Formats of typed values shared by every form and the CSV import: German dates, phone numbers,
 * e-mail addresses. Parsers return null for anything they cannot read; DTOs turn that into a
 * German message (see format-validators.ts).
 */

const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

/**
 * "1.3.2016", "01.03.2016" or "2016-03-01" → "2016-03-01"; null for anything else, including dates
 * that do not exist (31.02.2026) and years outside 1800–2199.
 */
export function parseGermanDate(text: string): string | null {
  const t = text.trim();
  const german = GERMAN_DATE.exec(t);
  const iso = ISO_DATE.exec(t);
  let year: number;
  let month: number;
  let day: number;
  if (german) {
    [day, month, year] = [Number(german[1]), Number(german[2]), Number(german[3])];
  } else if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    return null;
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  return date.isValid ? date.toISODate() : null;
}

/** "2016-03-01" → "01.03.2016" (the format the forms show and accept); '' for null. */
export function formatGermanDate(iso: string | null): string {
  const m = iso ? ISO_DATE.exec(iso) : null;
  return m ? `${m[3]}.${m[2]}.${m[1]}` : '';
}

/** Default region for numbers typed without a country code. */
export const PHONE_DEFAULT_REGION = 'DE';

/**
 * One international format for every stored phone number: "0385 545-1263" → "+49 385 5451263",
 * "+7 912 345-67-89" → "+7 912 345 67 89". Null for text that is not a possible, valid number
 * (letters, too short, trailing words).
 */
export function normalisePhoneNumber(text: string): string | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 40 || /[^\d\s()+\-/.]/.test(t)) return null;
  const parsed = parsePhoneNumberFromString(t, { defaultCountry: PHONE_DEFAULT_REGION, extract: false }, metadata);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.formatInternational();
}

/**
 * The href of a tel: link, in E.164 where the number can be read ("+49 385 545-1263" →
 * "tel:+493855451263", "0385 545 1263" → "tel:+493855451263"); otherwise its digits and "+" only,
 * since a URL must not contain spaces. The readable number stays the link text.
 */
export function telHref(number: string): string {
  const parsed = parsePhoneNumberFromString(number.trim(), { defaultCountry: PHONE_DEFAULT_REGION, extract: false }, metadata);
  return `tel:${parsed && parsed.isPossible() ? parsed.number : number.replace(/[^\d+]/g, '')}`;
}

/** The one way e-mail addresses in the directory are stored: trimmed, domain lower-cased. */
export function normaliseEmail(text: string): string {
  const t = text.trim();
  const at = t.lastIndexOf('@');
  return at < 0 ? t : `${t.slice(0, at)}@${t.slice(at + 1).toLowerCase()}`;
}

/** Trimmed text, or null when empty (for optional columns). */
export function optionalText(text: string): string | null {
  const t = text.trim();
  return t.length > 0 ? t : null;
}
