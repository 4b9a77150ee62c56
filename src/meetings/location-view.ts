import type { Location } from './location.entity.js';

/** Address lines of a location: "Am Packhof 2-6", "19053 Schwerin". */
export function addressLinesOf(a: Pick<Location, 'street' | 'postalCode' | 'locality'>): string[] {
  const cityLine = [a.postalCode, a.locality].filter((s) => s !== null && s !== '').join(' ');
  return [a.street ?? '', cityLine].filter((l) => l.length > 0);
}

export interface LocationView {
  id: number;
  name: string;
  room: string | null;
  addressLines: string[];
  accessibilityNotes: string | null;
  onlineLink: string | null;
}

export function locationView(l: Location): LocationView {
  return {
    id: l.id,
    name: l.name,
    room: l.room,
    addressLines: addressLinesOf(l),
    accessibilityNotes: l.accessibilityNotes,
    onlineLink: l.onlineLink,
  };
}
