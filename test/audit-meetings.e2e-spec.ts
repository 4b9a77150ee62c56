import request from 'supertest';
import { DataSource } from 'typeorm';
import { type AuditChange, AuditEntry } from '../src/audit/audit-entry.entity.js';
import { AuditLog } from '../src/audit/audit-log.service.js';
import { DatabaseService } from '../src/database/database.service.js';
import { Account } from '../src/auth/account.entity.js';
import { memberViewer, type MemberViewer } from '../src/auth/viewer.js';
import { AgendaService } from '../src/meetings/agenda.service.js';
import { LocationsService } from '../src/meetings/locations.service.js';
import { MeetingEditorService } from '../src/meetings/meeting-editor.service.js';
import type { Meeting } from '../src/meetings/meeting.entity.js';
import { ActionItemsService } from '../src/minutes/action-items.service.js';
import { DecisionsService } from '../src/minutes/decisions.service.js';
import { textHash } from '../src/minutes/minutes-merge.js';
import { MinutesService } from '../src/minutes/minutes.service.js';
import { loggedInAgent, type Agent } from './helpers/auth.js';
import { HtmlCollector } from './helpers/html-validity.js';
import { agentFor, createMinutesFixture, type MinutesFixture } from './helpers/minutes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** Number of entries (table rows) on a log page. */
function rows(html: string): number {
  return (html.match(/<th scope="row">/g) ?? []).length;
}

const MEETING_FORM = { title: 'Audit-Sitzung', date: '2027-02-10', startTime: '17:00', endTime: '19:00', locationId: null, onlineLink: null, isPublic: true, description: null };

describe('audit log: meetings, agenda, minutes, decisions, action items, places', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: MemberViewer;
  let admin: Agent;
  let meeting: Meeting;

  /** The entries about one kind of record, oldest first. */
  async function entries(entityType: AuditEntry['entityType'], entityId?: number): Promise<AuditEntry[]> {
    return t.app.get(DataSource).getRepository(AuditEntry).find({ where: entityId === undefined ? { entityType } : { entityType, entityId }, order: { id: 'ASC' } });
  }
  const changesOf = (e: AuditEntry): AuditChange[] => JSON.parse(e.changes) as AuditChange[];
  const change = (e: AuditEntry, field: string): AuditChange | undefined => changesOf(e).find((c) => c.field === field);

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    const account = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: f.emails.chair });
    chair = memberViewer(account.id, f.people.chair);
    admin = await loggedInAgent(t, { email: 'audit.sitzungen@example.org', password: 'Ein langes Testpasswort 2026', isAdmin: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs a meeting created, edited, postponed, invited, cancelled and marked held, with actor, body and before → after', async () => {
    const editor = t.app.get(MeetingEditorService);
    const created = await editor.create(chair, { bodyId: f.bodyId, ...MEETING_FORM }, true);
    if (!created.saved) throw new Error('not saved');
    meeting = created.value;
    await editor.update(chair, meeting.id, { ...MEETING_FORM, title: 'Audit-Sitzung (geändert)' }, true);
    await editor.postpone(chair, meeting.id, { date: '2027-02-11', startTime: '17:00', endTime: '19:00' }, true);
    await editor.invite(chair, meeting.id, true);
    const past = await editor.create(chair, { bodyId: f.bodyId, ...MEETING_FORM, title: 'Vergangene Sitzung', date: '2026-01-15' }, true);
    const toCancel = await editor.create(chair, { bodyId: f.bodyId, ...MEETING_FORM, title: 'Abzusagende Sitzung', date: '2027-03-01' }, true);
    if (!past.saved || !toCancel.saved) throw new Error('not saved');
    await editor.markHeld(chair, past.value.id);
    await editor.cancel(chair, toCancel.value.id, 'Raum nicht verfügbar');

    const log = await entries('meeting', meeting.id);
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'postpone', 'invite']);
    for (const e of log) {
      expect(e.accountId).toBe(chair.accountId);
      expect(e.actorName).toContain('Петренко');
      expect(e.bodyId).toBe(f.bodyId);
    }
    expect(change(log[0], 'title')).toMatchObject({ old: null, new: 'Audit-Sitzung' });
    expect(change(log[1], 'title')).toMatchObject({ old: 'Audit-Sitzung', new: 'Audit-Sitzung (geändert)' });
    expect(change(log[2], 'startsAt')).toMatchObject({ label: 'Beginn', old: '10.02.2027, 17:00 Uhr', new: '11.02.2027, 17:00 Uhr' });
    expect(change(log[3], 'state')).toMatchObject({ old: 'Geplant', new: 'Eingeladen' });
    const [held] = (await entries('meeting', past.value.id)).filter((e) => e.action === 'held');
    expect(change(held, 'state')).toMatchObject({ new: 'Hat stattgefunden' });
    const [cancelled] = (await entries('meeting', toCancel.value.id)).filter((e) => e.action === 'cancel');
    expect(change(cancelled, 'cancelReason')).toMatchObject({ old: null, new: 'Raum nicht verfügbar' });
    expect(change(cancelled, 'state')).toMatchObject({ new: 'Abgesagt' });
  });

  it('logs agenda items added, edited, moved and deleted', async () => {
    const agenda = t.app.get(AgendaService);
    const item = { level: 0, presenter: null, plannedMinutes: 20, isPublic: true, description: null };
    const first = await agenda.add(chair, meeting.id, { ...item, title: 'Begrüßung' });
    const second = await agenda.add(chair, meeting.id, { ...item, title: 'Haushalt' });
    await agenda.update(chair, meeting.id, second.id, { ...item, title: 'Haushalt 2027', plannedMinutes: 45 });
    await agenda.move(chair, meeting.id, second.id, 'up');
    await agenda.remove(chair, meeting.id, first.id);
    const log = [...(await entries('agenda_item', first.id)), ...(await entries('agenda_item', second.id))];
    expect(log.map((e) => e.action).sort()).toEqual(['create', 'create', 'delete', 'move', 'update']);
    for (const e of log) expect(e).toMatchObject({ accountId: chair.accountId, bodyId: f.bodyId });
    const edited = log.find((e) => e.action === 'update');
    expect(changesOf(edited!)).toEqual([
      { field: 'title', label: 'Titel', old: 'Haushalt', new: 'Haushalt 2027' },
      { field: 'plannedMinutes', label: 'Geplante Minuten', old: '20', new: '45' },
    ]);
    expect(change(log.find((e) => e.action === 'move')!, 'number')).toMatchObject({ old: '2', new: '1' });
    expect(change(log.find((e) => e.action === 'delete')!, 'title')).toMatchObject({ old: 'Begrüßung', new: null });
  });

  it('logs places created and changed (they belong to no body)', async () => {
    const places = t.app.get(LocationsService);
    const place = await places.create(chair, { name: 'Rathaus, Raum 3', room: null, street: 'Am Markt 14', postalCode: '19055', locality: 'Schwerin', accessibilityNotes: null, onlineLink: null });
    await places.update(chair, place.id, { name: 'Rathaus, Raum 3', room: '3', street: 'Am Markt 14', postalCode: '19055', locality: 'Schwerin', accessibilityNotes: 'Aufzug', onlineLink: null });
    const log = await entries('location', place.id);
    expect(log.map((e) => e.action)).toEqual(['create', 'update']);
    expect(log[1].bodyId).toBeNull();
    expect(changesOf(log[1]).map((c) => c.field)).toEqual(['room', 'accessibilityNotes']);
  });

  it('logs the minutes through their workflow, attendance, decisions (with votes) and action items', async () => {
    const minutesService = t.app.get(MinutesService);
    const decisions = t.app.get(DecisionsService);
    const actions = t.app.get(ActionItemsService);
    const minutes = await minutesService.create(f.meetingId, chair);
    await minutesService.saveTexts(f.meetingId, chair, { baseVersion: minutes.version, fields: { opening: { value: 'Die Vorsitzende eröffnet die Sitzung.', baseHash: textHash('') } } });
    const afterTexts = await minutesService.editorContext(f.meetingId, chair);
    await minutesService.recordAttendance(f.meetingId, chair, {
      baseVersion: afterTexts.minutes.version,
      rows: [
        { personId: f.people.member, choice: 'present', deputyPersonId: null },
        { personId: f.people.voter, choice: 'represented', deputyPersonId: f.people.deputy },
      ],
      guests: 'Frau Gast',
      chairPersonId: f.people.chair,
      recorderPersonId: f.people.secretary,
      openedAt: null,
      closedAt: null,
      quorumCheckedAt: null,
      quorumReached: true,
    });
    const decisionInput = { agendaItemId: f.publicItemId, text: 'Der Beirat empfiehlt das Konzept.', unanimous: false, votesYes: 2, votesNo: 0, votesAbstain: 0, result: 'adopted' as const };
    const decision = await decisions.create(f.meetingId, chair, decisionInput);
    await decisions.update(f.meetingId, decision.id, chair, { ...decisionInput, votesYes: 1, votesAbstain: 1 });
    const dropped = await decisions.create(f.meetingId, chair, { ...decisionInput, text: 'Zurückgezogen.' });
    await decisions.remove(f.meetingId, dropped.id, chair);
    const task = await actions.create(f.meetingId, chair, { agendaItemId: f.publicItemId, what: 'Konzept an die Stadt senden', responsiblePersonId: f.people.member, responsibleOrganisationId: null, dueDate: '2099-04-30' });
    await actions.update(f.meetingId, task.id, chair, { agendaItemId: f.publicItemId, what: 'Konzept an die Stadt senden', responsiblePersonId: f.people.member, responsibleOrganisationId: null, dueDate: '2099-05-15' });
    const spare = await actions.create(f.meetingId, chair, { agendaItemId: null, what: 'Doppelt erfasst', responsiblePersonId: f.people.voter, responsibleOrganisationId: null, dueDate: null });
    await actions.remove(f.meetingId, spare.id, chair);
    await minutesService.transition(f.meetingId, chair, 'circulate', null);
    await minutesService.transition(f.meetingId, chair, 'withdraw', null);
    await minutesService.transition(f.meetingId, chair, 'circulate', null);
    await minutesService.transition(f.meetingId, chair, 'approve', f.laterMeetingId);
    await minutesService.addAmendment(f.meetingId, chair, { agendaItemId: null, reason: 'Tippfehler', text: 'Es muss „Konzept“ heißen.' });
    await actions.setDone(task.id, chair, true);
    await actions.setDone(task.id, chair, false);

    const minutesLog = await entries('minutes', minutes.id);
    expect(minutesLog.map((e) => e.action)).toEqual(['create', 'update', 'circulate', 'withdraw', 'circulate', 'approve', 'amend']);
    for (const e of minutesLog) expect(e).toMatchObject({ accountId: chair.accountId, bodyId: f.bodyId });
    expect(change(minutesLog[1], 'opening')).toMatchObject({ label: 'Eröffnung', old: null, new: 'Die Vorsitzende eröffnet die Sitzung.' });
    expect(change(minutesLog[2], 'status')).toMatchObject({ old: 'Entwurf', new: 'Verschickt, noch nicht genehmigt' });
    expect(change(minutesLog[3], 'status')).toMatchObject({ old: 'Verschickt, noch nicht genehmigt', new: 'Entwurf' });
    expect(change(minutesLog[5], 'status')).toMatchObject({ new: 'Genehmigt' });
    expect(change(minutesLog[5], 'approvedIn')?.new).toContain('2. Sitzung 2026');
    expect(change(minutesLog[6], 'reason')).toMatchObject({ new: 'Tippfehler' });

    const attendance = await entries('attendance', f.meetingId);
    for (const e of attendance) expect(e).toMatchObject({ action: 'record', accountId: chair.accountId, bodyId: f.bodyId });
    const present = attendance.find((e) => e.subjectPersonId === f.people.member)!;
    expect(changesOf(present)).toEqual([{ field: `person-${f.people.member}`, label: expect.stringContaining('Thị Lan') as string, old: null, new: 'anwesend' }]);
    expect(changesOf(attendance.find((e) => e.subjectPersonId === f.people.voter)!)[0].new).toMatch(/^vertreten durch مريم/);
    const session = attendance.find((e) => e.subjectPersonId === null)!;
    expect(change(session, 'guests')).toMatchObject({ new: 'Frau Gast' });
    expect(change(session, 'quorumReached')).toMatchObject({ new: 'ja' });
    expect(attendance).toHaveLength(3);

    const decisionLog = await entries('decision', decision.id);
    expect(decisionLog.map((e) => e.action)).toEqual(['create', 'update']);
    expect(decisionLog[1].bodyId).toBe(f.bodyId);
    expect(changesOf(decisionLog[1])).toEqual([
      { field: 'votesYes', label: 'Ja-Stimmen', old: '2', new: '1' },
      { field: 'votesAbstain', label: 'Enthaltungen', old: '0', new: '1' },
    ]);
    expect((await entries('decision', dropped.id)).map((e) => e.action)).toEqual(['create', 'delete']);

    const taskLog = await entries('action_item', task.id);
    expect(taskLog.map((e) => e.action)).toEqual(['create', 'update', 'done', 'reopen']);
    for (const e of taskLog) expect(e).toMatchObject({ bodyId: f.bodyId, subjectPersonId: f.people.member });
    expect(changesOf(taskLog[1])).toEqual([{ field: 'dueDate', label: 'Fällig am', old: '30.04.2099', new: '15.05.2099' }]);
    expect(change(taskLog[2], 'status')).toMatchObject({ old: 'offen', new: 'erledigt' });
    expect(change(taskLog[3], 'status')).toMatchObject({ old: 'erledigt', new: 'offen' });
    expect((await entries('action_item', spare.id)).map((e) => e.action)).toEqual(['create', 'delete']);
  });

  it('an action item marked done by the responsible member is logged with that member as actor', async () => {
    const member = await agentFor(t, f.emails.member);
    const memberAccount = await t.app.get(DataSource).getRepository(Account).findOneByOrFail({ email: f.emails.member });
    const [task] = await t.app.get(DataSource).getRepository(AuditEntry).find({ where: { entityType: 'action_item', action: 'reopen' } });
    await t.app.get(ActionItemsService).setDone(task.entityId!, memberViewer(memberAccount.id, f.people.member), true);
    const last = (await entries('action_item', task.entityId!)).at(-1)!;
    expect(last).toMatchObject({ action: 'done', accountId: memberAccount.id });
    expect(last.actorName).toContain('Nguyễn');
    await member.get('/admin/protokoll').expect(403);
  });

  it('filters by body, person (actor and/or concerned) and kind, combined, and shows each entry with its body', async () => {
    const all = (await admin.get(`/admin/protokoll?gremium=${f.bodyId}`).expect(200)).text;
    expect(all).toContain(`<option value="${f.bodyId}" selected>Testbeirat`);
    expect(all).toContain('Gremium: Testbeirat');
    expect(all).toContain('Sitzung: <a href="/sitzungen/');
    const bodyMeetings = (await admin.get(`/admin/protokoll?gremium=${f.bodyId}&typ=meeting`).expect(200)).text;
    const meetingCount = await t.app.get(DataSource).getRepository(AuditEntry).count({ where: { entityType: 'meeting', bodyId: f.bodyId } });
    expect(rows(bodyMeetings)).toBe(meetingCount);
    expect(bodyMeetings).toContain('Audit-Sitzung (geändert)');
    expect(rows((await admin.get(`/admin/protokoll?gremium=${f.otherBodyId}&typ=meeting`).expect(200)).text)).toBe(0);
    expect(rows((await admin.get('/admin/protokoll?typ=location').expect(200)).text)).toBe(2);

    // concerned: the responsible person of the action item; actor: their own "done"
    const concerned = (await admin.get(`/admin/protokoll?person=${f.people.member}&bezug=betroffen`).expect(200)).text;
    expect(rows(concerned)).toBe(6);
    expect(concerned).toContain('Anwesenheit Thị Lan');
    const acted = (await admin.get(`/admin/protokoll?person=${f.people.member}&bezug=von`).expect(200)).text;
    expect(rows(acted)).toBe(1);
    expect(acted).toMatch(/<option value="von" selected>/);
    expect(rows((await admin.get(`/admin/protokoll?person=${f.people.member}`).expect(200)).text)).toBe(6);
    const chairActed = (await admin.get(`/admin/protokoll?person=${f.people.chair}&bezug=von&typ=decision&gremium=${f.bodyId}`).expect(200)).text;
    expect(rows(chairActed)).toBe(4);
    expect(rows((await admin.get(`/admin/protokoll?person=${f.people.chair}&bezug=von&typ=decision&gremium=${f.otherBodyId}`).expect(200)).text)).toBe(0);
  });

  it('the filtered page and the page naming unusable filters are valid HTML', async () => {
    const collector = new HtmlCollector();
    try {
      collector.add('audit filtered by body', (await admin.get(`/admin/protokoll?gremium=${f.bodyId}&person=${f.people.member}&bezug=betroffen`).expect(200)).text);
      const invalid = (await admin.get('/admin/protokoll?gremium=x&person=0&bezug=wer&von=morgen&bis=31.02.2026&typ=geheim').expect(422)).text;
      expect(invalid).toContain('value="morgen"');
      collector.add('audit with unusable filters', invalid);
      expect(await collector.problems()).toEqual([]);
    } finally {
      collector.dispose();
    }
  });

  it('erasing a person scrubs their attendance and action-item entries', async () => {
    await t.app.get(DatabaseService).write((m) => t.app.get(AuditLog).scrubPerson(m, f.people.voter, null));
    const about = await t.app.get(DataSource).getRepository(AuditEntry).find({ where: { subjectPersonId: f.people.voter } });
    expect(about.map((e) => e.entityType).sort()).toEqual(['action_item', 'action_item', 'attendance']);
    for (const e of about) {
      expect(e.label).not.toContain('Mehmet');
      expect(e.changes).not.toContain('Mehmet');
    }
  });

  it('is closed to anonymous visitors and members who are not administrators', async () => {
    expect((await request(t.http).get(`/admin/protokoll?gremium=${f.bodyId}`).expect(302)).headers.location).toMatch(/^\/anmelden\?next=/);
    const chairAgent = await agentFor(t, f.emails.chair);
    await chairAgent.get(`/admin/protokoll?gremium=${f.bodyId}`).expect(403);
  });
});
