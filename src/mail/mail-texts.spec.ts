import { actionItemReminderText, greeting, type MeetingFacts, meetingMailText, meetingWhen, setPasswordText } from './mail-texts.js';

const facts: MeetingFacts = {
  summary: 'BB: 3. Sitzung',
  title: '3. Sitzung',
  bodyName: 'Begleitbeirat',
  startsAt: new Date('2026-03-26T17:00:00Z'),
  endsAt: new Date('2026-03-26T19:00:00Z'),
  place: 'Stadthaus, Demmlersaal',
  onlineLink: null,
  notes: [{ label: 'Alle Angaben und Unterlagen zur Sitzung', text: 'https://netzwerk.example.org/sitzungen/3' }],
  cancelReason: 'Zu wenige Zusagen',
  agenda: ['TOP 1 Begrüßung'],
  pageUrl: 'https://netzwerk.example.org/sitzungen/3',
  signature: 'Dr. Ольга Петрова',
  siteName: 'Netzwerk Migration',
};
const to = { formOfAddress: '', academicTitle: null, givenName: 'Thị Hương', familyName: 'Nguyễn' };
const rsvp = { url: 'https://netzwerk.example.org/antwort/r1.x', validUntil: new Date('2026-03-27T19:00:00Z') };

describe('mail texts', () => {
  it.each([
    [{ formOfAddress: 'Frau', academicTitle: 'Dr.', givenName: 'Ольга', familyName: 'Петрова' }, 'Guten Tag Frau Dr. Петрова,'],
    [{ formOfAddress: 'Herr', academicTitle: null, givenName: 'Jürgen', familyName: 'Müßig' }, 'Guten Tag Herr Müßig,'],
    [to, 'Guten Tag Thị Hương Nguyễn,'],
    [{ formOfAddress: '', academicTitle: 'Prof.', givenName: '', familyName: 'حداد' }, 'Guten Tag Prof. حداد,'],
  ])('greets %j', (person, expected) => {
    expect(greeting(person)).toBe(expected);
  });

  it('says when in Berlin time, across daylight saving and midnight', () => {
    expect(meetingWhen(new Date('2026-03-26T17:00:00Z'), new Date('2026-03-26T19:00:00Z'))).toBe('Donnerstag, 26. März 2026, 18:00 bis 20:00 Uhr');
    expect(meetingWhen(new Date('2026-03-29T08:00:00Z'), new Date('2026-03-29T10:00:00Z'))).toBe('Sonntag, 29. März 2026, 10:00 bis 12:00 Uhr');
    expect(meetingWhen(new Date('2026-06-01T20:00:00Z'), new Date('2026-06-01T23:00:00Z'))).toBe('Montag, 1. Juni 2026, 22:00 Uhr bis Dienstag, 2. Juni 2026, 01:00 Uhr');
  });

  it('invites with agenda, place, answer link and meeting page', () => {
    const m = meetingMailText('invitation', facts, to, rsvp);
    expect(m.subject).toBe('Einladung: BB: 3. Sitzung am 26.03.2026, 18:00 Uhr');
    for (const part of ['Ort: Stadthaus, Demmlersaal', 'TOP 1 Begrüßung', rsvp.url, facts.pageUrl, 'gültig bis 27.03.2026, 20:00 Uhr', 'Dr. Ольга Петрова']) {
      expect(m.text).toContain(part);
    }
    expect(m.text).not.toContain('Grund:');
  });

  it('words updates, postponements and cancellations differently', () => {
    expect(meetingMailText('update', facts, to, rsvp).subject).toMatch(/^Geänderte Einladung: /);
    expect(meetingMailText('postponement', facts, to, rsvp).subject).toMatch(/^Verschoben: BB: 3\. Sitzung – neu am /);
    const cancel = meetingMailText('cancellation', facts, to, null);
    expect(cancel.subject).toBe('Abgesagt: BB: 3. Sitzung am 26.03.2026, 18:00 Uhr');
    expect(cancel.text).toContain('Grund: Zu wenige Zusagen');
    expect(cancel.text).not.toContain('Tagesordnung');
  });

  it('names the cancelled meeting: title, body, date and time in Berlin', () => {
    const cancel = meetingMailText('cancellation', { ...facts, title: 'Haushaltsberatung 2027' }, to, null);
    expect(cancel.text).toContain('„Haushaltsberatung 2027“');
    expect(cancel.text).toContain('Sitzung: Haushaltsberatung 2027');
    expect(cancel.text).toContain('Gremium: Begleitbeirat');
    expect(cancel.text).toContain('Wann: Donnerstag, 26. März 2026, 18:00 bis 20:00 Uhr');
  });

  it('shortens long action items in the subject only', () => {
    const what = `${'Übersetzung '.repeat(10)}\nzweite Zeile`;
    const m = actionItemReminderText({ what, dueDate: '2026-04-02', meetingTitle: '3. Sitzung', meetingStartsAt: facts.startsAt, bodyName: 'Begleitbeirat', tasksUrl: 'https://x/aufgaben', siteName: 'Netzwerk Migration' }, to);
    expect(m.subject.startsWith('Erinnerung: Aufgabe fällig am 2. April 2026 – Übersetzung')).toBe(true);
    expect(m.subject.endsWith('…')).toBe(true);
    expect(m.subject).not.toContain('zweite Zeile');
    expect(m.text).toContain(what);
  });

  it('explains a set-password link for new and existing accounts', () => {
    const base = { siteName: 'Netzwerk Migration', url: 'https://x/konto/passwort-setzen/abc', expiresAt: new Date('2026-03-01T10:00:00Z'), email: 'a@example.org', to: null };
    expect(setPasswordText({ ...base, newAccount: true })).toMatchObject({ subject: 'Ihr Zugang zu Netzwerk Migration' });
    const again = setPasswordText({ ...base, newAccount: false });
    expect(again.subject).toBe('Neues Passwort für Netzwerk Migration festlegen');
    expect(again.text).toContain('Guten Tag,');
    expect(again.text).toContain('gilt bis 01.03.2026, 11:00 Uhr');
  });
});
