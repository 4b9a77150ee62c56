import { DateTime } from 'luxon';
import { ZONE } from '../common/dates.js';
import { MEMBERSHIP_ROLE_LABELS } from '../bodies/body-labels.js';
import type { Membership } from '../bodies/membership.entity.js';
import { personDisplayName } from '../people/person-name.js';
import type { AgendaItem } from './agenda-item.entity.js';
import type { Meeting } from './meeting.entity.js';
import { addressLinesOf, effectiveOnlineLink, locationText } from './location-view.js';
import { longDate, timeRangeLabel } from './meetings.view-model.js';
import { type ParticipantNote, participantNotes } from './participant-notes.js';
import type { MeetingDocumentLine } from './meeting-documents-source.js';

export interface InvitationLetterView {
  bodyName: string;
  senderLines: string[];
  placeAndDate: string;
  subject: string;
  salutation: string;
  intro: string;
  when: string;
  placeLines: string[];
  /** The same notes the invitation mail carries (participantNotes). */
  notes: ParticipantNote[];
  onlineLink: string | null;
  agenda: { number: string; title: string; presenter: string | null; isSub: boolean; isInternal: boolean }[];
  /** The meeting's documents (src/documents, through MeetingDocumentsSource). */
  documents: MeetingDocumentLine[];
  rsvpNote: string;
  closing: string;
  signature: string[];
  cancelled: boolean;
}

/**
 * Everything the printable invitation shows, prepared so the template only prints. The place line
 * names the meeting's locality, or the installation's default locality (DEFAULT_LOCALITY).
 */
export function invitationLetter(meeting: Meeting, agenda: readonly Pick<AgendaItem, 'number' | 'title' | 'presenter' | 'isPublic'>[], chair: Membership | null, defaultLocality: string, pageUrl: string, now: Date = new Date(), documents: MeetingDocumentLine[] = []): InvitationLetterView {
  const chairName = chair ? personDisplayName(chair.person) : null;
  const locality = meeting.location?.locality ?? defaultLocality;
  const today = DateTime.fromJSDate(now).setZone(ZONE).setLocale('de').toFormat('d. MMMM yyyy');
  const rsvpBy = DateTime.fromJSDate(meeting.startsAt).setZone(ZONE).minus({ days: 3 }).setLocale('de').toFormat('d. MMMM yyyy');
  const place = meeting.location ? [locationText({ ...meeting.location, street: null, postalCode: null, locality: null }) ?? '', ...addressLinesOf(meeting.location)] : [];
  return {
    bodyName: meeting.body.name,
    senderLines: [meeting.body.name, ...(chairName && chair ? [`${MEMBERSHIP_ROLE_LABELS[chair.role]}: ${chairName}`] : [])],
    placeAndDate: `${locality}, den ${today}`,
    subject: `Einladung: ${meeting.title}`,
    salutation: `Sehr geehrte Mitglieder des Gremiums „${meeting.body.name}“,`,
    intro: `hiermit lade ich Sie herzlich zur Sitzung „${meeting.title}“ ein.`,
    when: `${longDate(meeting.startsAt)}, ${timeRangeLabel(meeting.startsAt, meeting.endsAt)}`,
    placeLines: place.filter((l) => l !== ''),
    notes: participantNotes(meeting, pageUrl),
    onlineLink: effectiveOnlineLink(meeting, meeting.location),
    agenda: agenda.map((a) => ({ number: a.number, title: a.title, presenter: a.presenter, isSub: a.number.includes('.'), isInternal: !a.isPublic })),
    documents,
    rsvpNote: `Bitte teilen Sie bis zum ${rsvpBy} mit, ob Sie teilnehmen – auf der Sitzungsseite unter „Ihre Antwort“ oder bei der Geschäftsführung. Wenn Sie verhindert sind, benennen Sie bitte Ihre Vertretung.`,
    closing: 'Mit freundlichen Grüßen',
    signature: chairName && chair ? [chairName, MEMBERSHIP_ROLE_LABELS[chair.role]] : [meeting.body.name],
    cancelled: meeting.state === 'cancelled',
  };
}
