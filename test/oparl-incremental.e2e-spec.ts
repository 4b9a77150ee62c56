import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { memberViewer, type Viewer } from '../src/auth/viewer.js';
import { Body } from '../src/bodies/body.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { MeetingEditorService } from '../src/meetings/meeting-editor.service.js';
import { PeopleEditorService } from '../src/people/people-editor.service.js';
import { Person } from '../src/people/person.entity.js';
import { ConsentService } from '../src/privacy/consent.service.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { createAccount } from './helpers/auth.js';
import { type Harvest, harvest } from './helpers/oparl.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

type Json = Record<string, unknown>;

jest.setTimeout(180_000);

function berlinDate(d: Date): string {
  return d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
}
function berlinTime(d: Date): string {
  return d.toLocaleTimeString('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OParl incremental harvest: modified_since returns exactly what changed', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Viewer;
  let base: string;

  const url = (path: string) => `${base}${path}`;
  const changedSince = (list: string, since: string): Promise<Harvest> =>
    harvest(t.http, base, url(`/oparl/v1.1/body/1/${list}?modified_since=${encodeURIComponent(since)}&omit_internal=true`), '', false);

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true });
    ds = t.app.get(DataSource);
    base = t.config.baseUrl;
    admin = memberViewer((await createAccount(t, { email: 'oparl-inkrementell@example.org', password: 'Ein langes Testpasswort 2026', isAdmin: true })).id, null, true);
  });
  afterAll(async () => {
    await t.close();
  });

  it('after a first full harvest: a changed meeting, a removed, an erased and a withdrawn person, nothing else', async () => {
    const publicBodies = new Set((await ds.getRepository(Body).find({ where: { isPublic: true } })).map((b) => b.id));
    const consented = await ds.getRepository(Person).find({ where: { consentAt: Not(IsNull()) }, order: { id: 'ASC' } });
    const memberships = await ds.getRepository(Membership).find({ where: { personId: In(consented.map((p) => p.id)) } });
    const withPublicMemberships = consented.filter((p) => memberships.some((m) => m.personId === p.id && publicBodies.has(m.bodyId)));
    expect(withPublicMemberships.length).toBeGreaterThanOrEqual(4);
    const [removed, erased, withdrawn, alone] = withPublicMemberships;
    const meeting = await ds.getRepository(Meeting).findOneOrFail({ where: { isPublic: true, bodyId: In([...publicBodies]), state: 'scheduled' }, order: { id: 'ASC' } });

    // the client's first harvest, then its bookmark: the next second
    const first = await harvest(t.http, base);
    expect(first.problems).toEqual([]);
    for (const p of [removed, erased, withdrawn]) expect(first.objects.has(url(`/oparl/v1.1/person/${p.id}`))).toBe(true);
    await sleep(1100);
    const since = new Date().toISOString();
    await sleep(50);

    await t.app.get(MeetingEditorService).update(
      admin,
      meeting.id,
      {
        title: `${meeting.title} (verlegt in den großen Saal)`,
        date: berlinDate(meeting.startsAt),
        startTime: berlinTime(meeting.startsAt),
        endTime: berlinTime(meeting.endsAt),
        locationId: meeting.locationId,
        onlineLink: meeting.onlineLink,
        isPublic: true,
        description: meeting.description,
      },
      true,
    );
    await t.app.get(PeopleEditorService).remove(admin, removed.id);
    await t.app.get(PrivacyService).erase(admin, erased.id);
    await t.app.get(ConsentService).withdraw(admin, withdrawn.id);

    const meetings = await changedSince('meeting', since);
    expect(meetings.problems).toEqual([]);
    expect([...meetings.listed.keys()]).toEqual([url(`/oparl/v1.1/meeting/${meeting.id}`)]);
    expect([...meetings.listed.values()][0].object.name).toBe(`${meeting.title} (verlegt in den großen Saal)`);

    const people = await changedSince('person', since);
    expect(people.problems).toEqual([]);
    const gone = [removed, erased, withdrawn].map((p) => url(`/oparl/v1.1/person/${p.id}`)).sort();
    expect([...people.listed.keys()].sort()).toEqual(gone);
    for (const { object } of people.listed.values()) {
      expect(Object.keys(object).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
      expect(object.deleted).toBe(true);
      expect(Date.parse(object.modified as string)).toBeGreaterThanOrEqual(Date.parse(since) - 1000);
    }

    // their memberships in public bodies are gone too; no other membership changed
    const ms = await changedSince('membership', since);
    const expectedMemberships = memberships
      .filter((m) => [removed.id, erased.id, withdrawn.id].includes(m.personId) && publicBodies.has(m.bodyId))
      .map((m) => url(`/oparl/v1.1/membership/${m.id}`))
      .sort();
    expect([...ms.listed.keys()].sort()).toEqual(expectedMemberships);
    for (const { object } of ms.listed.values()) expect(object.deleted).toBe(true);

    // bodies list them in `membership`: only those bodies changed
    const orgs = await changedSince('organization', since);
    const touchedBodies = new Set(memberships.filter((m) => [removed.id, erased.id, withdrawn.id].includes(m.personId) && publicBodies.has(m.bodyId)).map((m) => url(`/oparl/v1.1/organization/gremium-${m.bodyId}`)));
    for (const id of orgs.listed.keys()) expect(touchedBodies.has(id)).toBe(true);
    expect((await changedSince('agenda-item', since)).listed.size).toBe(0);

    // without modified_since, the deleted never appear; under their URLs they stay tombstones
    const all = await harvest(t.http, base, url('/oparl/v1.1/body/1/person'), '', false);
    for (const id of gone) expect(all.listed.has(id)).toBe(false);
    for (const id of gone) {
      const res = await request(t.http).get(id.slice(base.length)).expect(200);
      expect(res.body).toMatchObject({ id, deleted: true });
      expect(JSON.stringify(res.body)).not.toContain(erased.familyName);
    }

    // a withdrawal alone changes the bodies that listed the membership (Organization.membership)
    await sleep(1100);
    const since2 = new Date().toISOString();
    await sleep(50);
    await t.app.get(ConsentService).withdraw(admin, alone.id);
    const bodiesOfAlone = [...new Set(memberships.filter((m) => m.personId === alone.id && publicBodies.has(m.bodyId)).map((m) => url(`/oparl/v1.1/organization/gremium-${m.bodyId}`)))].sort();
    const orgs2 = await changedSince('organization', since2);
    expect([...orgs2.listed.keys()].sort()).toEqual(bodiesOfAlone);
    for (const id of bodiesOfAlone) {
      const org = (await request(t.http).get(id.slice(base.length)).expect(200)).body as Json;
      expect((org.membership as string[]).some((m) => memberships.some((x) => x.personId === alone.id && m === url(`/oparl/v1.1/membership/${x.id}`)))).toBe(false);
    }

    // consent recorded again: the person is back, with a new modified
    await t.app.get(ConsentService).record(admin, withdrawn.id, { date: berlinDate(new Date()), note: null });
    const back = (await request(t.http).get(`/oparl/v1.1/person/${withdrawn.id}`).expect(200)).body as Json;
    expect(back.deleted).toBeUndefined();
    expect(back.familyName).toBe(withdrawn.familyName);
  });
});
