import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { DatabaseService } from '../src/database/database.service.js';
import { AgendaItem } from '../src/meetings/agenda-item.entity.js';
import { Attendance } from '../src/meetings/attendance.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { attendanceFields } from '../src/minutes/attendance-record.js';
import { Decision } from '../src/minutes/decision.entity.js';
import { Minutes } from '../src/minutes/minutes.entity.js';
import type { Agent } from './helpers/auth.js';
import { agentFor, createMinutesFixture, type MinutesFixture, submit } from './helpers/minutes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/** The ids of the elements of a page, to check that an anchor lands somewhere. */
function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
}

describe('minutes rules: approval meeting, votes against attendance, action item due dates and anchors', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let path: string;
  let futureMeetingId: number;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    path = `/sitzungen/${f.meetingId}/protokoll`;
    const startsAt = DateTime.now().plus({ days: 30 }).startOf('hour').toJSDate();
    futureMeetingId = await t.app.get(DatabaseService).write(async (m) => {
      const held = await m.getRepository(Meeting).findOneByOrFail({ id: f.meetingId });
      const future = await m.getRepository(Meeting).save({
        bodyId: f.bodyId,
        title: 'Künftige Sitzung',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 7_200_000),
        locationId: held.locationId,
        state: 'invited',
        uid: `future-${f.bodyId}@test`,
        isPublic: true,
      });
      return future.id;
    });
    expect((await submit(chair, path, path, {})).status).toBe(303);
  });
  afterAll(async () => {
    await t.close();
  });

  const decisionForm = (p: string) => `${p}/beschluesse/neu`;

  it('accepts votes while attendance is unrecorded, with a warning on the minutes page that they could not be checked', async () => {
    const p = `/sitzungen/${f.internalMeetingId}/protokoll`;
    expect((await submit(chair, p, p, {})).status).toBe(303);
    const item = await t.app.get(DataSource).getRepository(AgendaItem).findOneByOrFail({ meetingId: f.internalMeetingId, number: '1' });
    const res = await submit(chair, decisionForm(p), `${p}/beschluesse`, { agendaItemId: String(item.id), text: 'Ohne Anwesenheitsliste gefasst', result: 'adopted', votesYes: '20', votesNo: '2', votesAbstain: '1' });
    expect(res.status).toBe(303);
    const page = await chair.get(p).expect(200);
    expect(page.text).toContain('Die Stimmen konnten nicht geprüft werden: Die Anwesenheit ist noch nicht erfasst.');
  });

  it('refuses more votes than voting members present (deputies counted), naming both numbers; keeps the values', async () => {
    // voting members: chair present, member represented by the deputy, voter absent → 2 votes
    await t.app.get(DatabaseService).write(async (m) => {
      const repo = m.getRepository(Attendance);
      await repo.save({ meetingId: f.meetingId, personId: f.people.chair, ...attendanceFields('present', null) });
      await repo.save({ meetingId: f.meetingId, personId: f.people.member, ...attendanceFields('represented', f.people.deputy) });
      await repo.save({ meetingId: f.meetingId, personId: f.people.voter, ...attendanceFields('absent', null) });
    });
    const fields = { agendaItemId: String(f.publicItemId), text: 'Zu viele Stimmen für diese Runde', result: 'adopted', votesYes: '20', votesNo: '2', votesAbstain: '1' };
    const tooMany = await submit(chair, decisionForm(path), `${path}/beschluesse`, fields);
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('Ja, Nein und Enthaltungen zusammen (23) dürfen nicht mehr sein als die anwesenden stimmberechtigten Mitglieder (2, Vertretungen mitgezählt).');
    expect(tooMany.text).toContain('Zu viele Stimmen für diese Runde');
    expect(tooMany.text).toContain('value="20"');
    const justOver = await submit(chair, decisionForm(path), `${path}/beschluesse`, { ...fields, votesYes: '2', votesNo: '0', votesAbstain: '1' });
    expect(justOver.status).toBe(422);
    expect(await t.app.get(DataSource).getRepository(Decision).countBy({ bodyId: f.bodyId, text: fields.text })).toBe(0);

    const ok = await submit(chair, decisionForm(path), `${path}/beschluesse`, { ...fields, votesYes: '2', votesNo: '0', votesAbstain: '0' });
    expect(ok.status).toBe(303);
    const page = await chair.get(path).expect(200);
    expect(page.text).not.toContain('Die Stimmen konnten nicht geprüft werden');
    expect(page.text).not.toContain('dürfen nicht mehr sein');
    // editing to too many votes is refused as well
    const decision = await t.app.get(DataSource).getRepository(Decision).findOneByOrFail({ bodyId: f.bodyId, text: fields.text });
    const edit = await submit(chair, `${path}/beschluesse/${decision.id}/bearbeiten`, `${path}/beschluesse/${decision.id}`, { ...fields, votesYes: '3', votesNo: '0', votesAbstain: '0' });
    expect(edit.status).toBe(422);
    expect(edit.text).toContain('(3) dürfen nicht mehr sein als die anwesenden stimmberechtigten Mitglieder (2, Vertretungen mitgezählt)');
  });

  it('refuses an action item due before the meeting day, and lands on the saved item', async () => {
    const form = `${path}/aufgaben/neu`;
    const fields = { what: 'Einladung an die Sprachmittler verschicken', agendaItemId: String(f.publicItemId), responsiblePersonId: String(f.people.secretary), responsibleOrganisationId: '', dueDate: '2026-03-09' };
    const early = await submit(chair, form, `${path}/aufgaben`, fields);
    expect(early.status).toBe(422);
    expect(early.text).toContain('Die Frist kann nicht vor dem Sitzungstag (10.03.2026) liegen.');
    expect(early.text).toContain('value="2026-03-09"');
    expect(early.text).toContain('Einladung an die Sprachmittler verschicken');
    expect(await t.app.get(DataSource).getRepository(ActionItem).countBy({ meetingId: f.meetingId })).toBe(0);

    const created = await submit(chair, form, `${path}/aufgaben`, { ...fields, dueDate: '2026-03-10' });
    expect(created.status).toBe(303);
    const item = await t.app.get(DataSource).getRepository(ActionItem).findOneByOrFail({ meetingId: f.meetingId });
    expect(created.headers.location).toBe(`${path}#aufgabe-${item.id}`);
    let page = await chair.get(path).expect(200);
    expect(ids(page.text).has(`aufgabe-${item.id}`)).toBe(true);

    const editForm = `${path}/aufgaben/${item.id}/bearbeiten`;
    const earlyEdit = await submit(chair, editForm, `${path}/aufgaben/${item.id}`, { ...fields, agendaItemId: '', dueDate: '2026-01-31' });
    expect(earlyEdit.status).toBe(422);
    expect(earlyEdit.text).toContain('value="2026-01-31"');
    // a general item (no agenda item) sits under "Verschiedenes": the anchor exists there too
    const edited = await submit(chair, editForm, `${path}/aufgaben/${item.id}`, { ...fields, agendaItemId: '', dueDate: '2026-04-30' });
    expect(edited.status).toBe(303);
    expect(edited.headers.location).toBe(`${path}#aufgabe-${item.id}`);
    page = await chair.get(path).expect(200);
    expect(ids(page.text).has(`aufgabe-${item.id}`)).toBe(true);

    const removed = await submit(chair, editForm, `${path}/aufgaben/${item.id}/loeschen`, { bestaetigung: 'ja' });
    expect(removed.status).toBe(303);
    const anchor = new URL(String(removed.headers.location), 'http://x').hash.slice(1);
    expect(ids((await chair.get(path).expect(200)).text).has(anchor)).toBe(true);
  });

  it('approves only in a later meeting of the body that has begun; the form offers only those', async () => {
    expect((await submit(chair, path, `${path}/verschicken`, {})).status).toBe(303);
    const form = `${path}/genehmigen`;
    const page = await chair.get(form).expect(200);
    expect(page.text).toContain('2. Sitzung 2026');
    expect(page.text).not.toContain('Künftige Sitzung');
    expect(page.text).not.toContain(`value="${futureMeetingId}"`);
    const future = await submit(chair, form, form, { approvedInMeetingId: String(futureMeetingId) });
    expect(future.status).toBe(422);
    expect(future.text).toContain('Diese Sitzung hat noch nicht stattgefunden.');
    expect(future.text).toContain('aria-invalid="true"');
    expect((await t.app.get(DataSource).getRepository(Minutes).findOneByOrFail({ meetingId: f.meetingId })).status).toBe('circulated');
    const ok = await submit(chair, form, form, { approvedInMeetingId: String(f.laterMeetingId) });
    expect(ok.status).toBe(303);
    expect((await t.app.get(DataSource).getRepository(Minutes).findOneByOrFail({ meetingId: f.meetingId })).approvedInMeetingId).toBe(f.laterMeetingId);
  });
});
