import type { Decision } from './decision.entity.js';
import { actionItemView, minutesLinkView, recentDecisionsView, responsibleText } from './minutes.view-model.js';
import type { ActionItem } from './action-item.entity.js';

describe('minutesLinkView', () => {
  it('links readable minutes, with the status while not approved', () => {
    expect(minutesLinkView({ meetingId: 5, status: 'approved', readable: true, canStart: false })).toEqual({ href: '/sitzungen/5/protokoll', text: 'Protokoll lesen', statusLabel: null });
    expect(minutesLinkView({ meetingId: 5, status: 'draft', readable: true, canStart: false })?.statusLabel).toBe('Entwurf');
  });
  it('offers editors to start minutes and shows nothing otherwise', () => {
    expect(minutesLinkView({ meetingId: 5, status: null, readable: false, canStart: true })?.text).toBe('Protokoll anlegen');
    expect(minutesLinkView({ meetingId: 5, status: 'draft', readable: false, canStart: false })).toBeNull();
    expect(minutesLinkView({ meetingId: 5, status: null, readable: false, canStart: false })).toBeNull();
  });
});

describe('recentDecisionsView', () => {
  it('summarises decisions as plain text with a link to the protocol', () => {
    const d = {
      number: 'BB-2026-07',
      text: 'Der Beirat **empfiehlt** [mehr](https://example.org) ' + 'sehr '.repeat(60),
      result: 'adopted',
      minutes: { meetingId: 3, meeting: { startsAt: new Date('2026-03-10T17:00:00Z') } },
    } as unknown as Decision;
    const [v] = recentDecisionsView([d]);
    expect(v.href).toBe('/sitzungen/3/protokoll#beschluss-BB-2026-07');
    expect(v.summary.startsWith('Der Beirat empfiehlt mehrhttps://example.org')).toBe(true);
    expect(v.summary.length).toBeLessThanOrEqual(160);
    expect(v.dateText).toBe('10.03.2026');
    expect(v.resultLabel).toBe('angenommen');
  });
});

describe('action item views', () => {
  const base = { id: 1, meetingId: 2, what: 'Flyer', status: 'open', dueDate: '2026-04-01', doneAt: null, responsiblePerson: null, responsibleOrganisation: null, agendaItem: null, meeting: null, body: null } as unknown as ActionItem;
  it('marks open items past their due date as overdue', () => {
    expect(actionItemView(base, '2026-04-02')).toMatchObject({ overdue: true, statusLabel: 'überfällig', dueText: '01.04.2026' });
    expect(actionItemView(base, '2026-04-01')).toMatchObject({ overdue: false, statusLabel: 'offen' });
    expect(actionItemView({ ...base, status: 'done' }, '2026-05-01').overdue).toBe(false);
  });
  it('names person and organisation', () => {
    const p = { academicTitle: null, givenName: 'Олена', familyName: 'Шевченко' };
    expect(responsibleText({ responsiblePerson: p, responsibleOrganisation: { name: 'Caritas' } } as unknown as ActionItem)).toBe('Олена Шевченко (Caritas)');
    expect(responsibleText({ responsiblePerson: null, responsibleOrganisation: null })).toBe('nicht festgelegt');
  });
});
