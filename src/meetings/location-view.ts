import type { Location } from './location.entity.js';
import type { Meeting } from './meeting.entity.js';

/** "Stadthaus, Demmlersaal, Raum 1.02, Am Packhof 2-6, 19053 Schwerin" (without the online link). */
export function locationText(location: Pick<Location, 'name' | 'room' | 'street' | 'postalCode' | 'locality'> | null): string | null {
  if (!location) return null;
  const city = [location.postalCode, location.locality].filter((s) => s !== null && s.trim() !== '').join(' ');
  const parts = [location.name, location.room ? `Raum ${location.room}` : null, location.street, city];
  return parts.filter((s): s is string => s !== null && s.trim() !== '').join(', ');
}

/** The meeting's online link, or the location's standing one. */
export function effectiveOnlineLink(meeting: Pick<Meeting, 'onlineLink'>, location: Pick<Location, 'onlineLink'> | null): string | null {
  return meeting.onlineLink ?? location?.onlineLink ?? null;
}

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

export function locationView(l: Pick<Location, 'id' | 'name' | 'room' | 'street' | 'postalCode' | 'locality' | 'accessibilityNotes' | 'onlineLink'>): LocationView {
  return {
    id: l.id,
    name: l.name,
    room: l.room,
    addressLines: addressLinesOf(l),
    accessibilityNotes: l.accessibilityNotes,
    onlineLink: l.onlineLink,
  };
}
