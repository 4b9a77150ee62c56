/** The German states (Bundesländer) by their official two-letter code: name, and "in …" as a sentence needs it. */
export const GERMAN_STATES = {
  BW: { name: 'Baden-Württemberg', in: 'in Baden-Württemberg' },
  BY: { name: 'Bayern', in: 'in Bayern' },
  BE: { name: 'Berlin', in: 'in Berlin' },
  BB: { name: 'Brandenburg', in: 'in Brandenburg' },
  HB: { name: 'Bremen', in: 'in Bremen' },
  HH: { name: 'Hamburg', in: 'in Hamburg' },
  HE: { name: 'Hessen', in: 'in Hessen' },
  MV: { name: 'Mecklenburg-Vorpommern', in: 'in Mecklenburg-Vorpommern' },
  NI: { name: 'Niedersachsen', in: 'in Niedersachsen' },
  NW: { name: 'Nordrhein-Westfalen', in: 'in Nordrhein-Westfalen' },
  RP: { name: 'Rheinland-Pfalz', in: 'in Rheinland-Pfalz' },
  SL: { name: 'Saarland', in: 'im Saarland' },
  SN: { name: 'Sachsen', in: 'in Sachsen' },
  ST: { name: 'Sachsen-Anhalt', in: 'in Sachsen-Anhalt' },
  SH: { name: 'Schleswig-Holstein', in: 'in Schleswig-Holstein' },
  TH: { name: 'Thüringen', in: 'in Thüringen' },
} as const satisfies Record<string, { name: string; in: string }>;

export type GermanState = keyof typeof GERMAN_STATES;

export const GERMAN_STATE_CODES = Object.keys(GERMAN_STATES) as GermanState[];
