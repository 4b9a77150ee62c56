import type { PhoneKind } from './person-phone.entity.js';

/** German labels for stored codes. The UI never shows a code. */
export const PHONE_KIND_LABELS: Record<PhoneKind, string> = {
  work: 'Telefon',
  mobile: 'Mobil',
  fax: 'Fax',
};

/** Languages a migration network asks for most, ISO 639-1 → German name. */
export const LANGUAGE_LABELS: Record<string, string> = {
  de: 'Deutsch',
  en: 'Englisch',
  fr: 'Französisch',
  es: 'Spanisch',
  it: 'Italienisch',
  pt: 'Portugiesisch',
  ar: 'Arabisch',
  fa: 'Persisch (Farsi/Dari)',
  ps: 'Paschtu',
  ku: 'Kurdisch',
  tr: 'Türkisch',
  ru: 'Russisch',
  uk: 'Ukrainisch',
  pl: 'Polnisch',
  ro: 'Rumänisch',
  bg: 'Bulgarisch',
  sq: 'Albanisch',
  sr: 'Serbisch',
  hr: 'Kroatisch',
  bs: 'Bosnisch',
  vi: 'Vietnamesisch',
  zh: 'Chinesisch',
  ti: 'Tigrinya',
  am: 'Amharisch',
  so: 'Somali',
  ur: 'Urdu',
  hi: 'Hindi',
  ka: 'Georgisch',
  hy: 'Armenisch',
  az: 'Aserbaidschanisch',
  ce: 'Tschetschenisch',
};

export function languageLabel(code: string): string {
  return LANGUAGE_LABELS[code] ?? code;
}
