import { NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { appDataSourceOptions } from '../app.entities.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { PersonEmail } from '../people/person-email.entity.js';
import { PersonPhone } from '../people/person-phone.entity.js';
import { Person } from '../people/person.entity.js';
import { BodiesRepository } from './bodies.repository.js';
import { BodiesService } from './bodies.service.js';
import { Body } from './body.entity.js';
import { Membership } from './membership.entity.js';

const anonymous: Viewer = { kind: 'anonymous' };
const member: Viewer = { kind: 'member', accountId: 1, personId: null, isAdmin: false };
const today = '2026-03-29';

describe('BodiesService (in-memory SQLite, real migrations)', () => {
  let ds: DataSource;
  let service: BodiesService;
  let publicBody: Body;
  let internalBody: Body;
  let olena: Person;

  beforeAll(async () => {
    ds = new DataSource(appDataSourceOptions({ databasePath: ':memory:' }));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    service = new BodiesService(new BodiesRepository(ds.getRepository(Body), ds.getRepository(Membership), ds.getRepository(Person)));

    const org = await ds.getRepository(Organisation).save({ name: 'Verein', kind: 'association' });
    const bodies = ds.getRepository(Body);
    publicBody = await bodies.save({ name: 'Öffentlicher Beirat', code: 'OB', kind: 'advisory_board', isPublic: true });
    internalBody = await bodies.save({ name: 'Interne Arbeitsgruppe', code: 'IAG', kind: 'working_group', isPublic: false });
    const people = ds.getRepository(Person);
    olena = await people.save({
      givenName: 'Олена',
      familyName: 'Коваленко',
      sortKey: 'коваленко олена',
      organisationId: org.id,
      phoneVisibility: 'members',
      emailVisibility: 'members',
      addressVisibility: 'hidden',
    });
    await ds.getRepository(PersonPhone).save({ personId: olena.id, kind: 'work', number: '+49 385 000-1', position: 0 });
    await ds.getRepository(PersonEmail).save({ personId: olena.id, email: 'olena@example.org', position: 0 });
    const gone = await people.save({ givenName: 'Weg', familyName: 'Gelöscht', sortKey: 'geloscht weg' });
    const former = await people.save({ givenName: 'Früher', familyName: 'Dabei', sortKey: 'dabei fruher' });
    const memberships = ds.getRepository(Membership);
    await memberships.save([
      { bodyId: publicBody.id, personId: olena.id, role: 'member', votingRight: true },
      { bodyId: publicBody.id, personId: olena.id, role: 'chair', votingRight: true },
      { bodyId: publicBody.id, personId: former.id, role: 'member', endDate: '2026-03-28' },
      { bodyId: publicBody.id, personId: gone.id, role: 'member' },
      { bodyId: internalBody.id, personId: olena.id, role: 'chair' },
    ]);
    await people.softDelete(gone.id);
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('lists internal bodies for members only', async () => {
    expect((await service.list(anonymous, today)).map((o) => o.body.name)).toEqual(['Öffentlicher Beirat']);
    expect((await service.list(member, today)).map((o) => o.body.name)).toEqual(['Interne Arbeitsgruppe', 'Öffentlicher Beirat']);
  });

  it('counts current members once each, leaving out former and deleted people', async () => {
    const [overview] = await service.list(anonymous, today);
    expect(overview.currentMemberCount).toBe(1);
  });

  it('hides an internal body from anonymous visitors as if it did not exist', async () => {
    await expect(service.detail(internalBody.id, anonymous, today)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.memberContacts(internalBody.id, anonymous, today)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.detail(internalBody.id, member, today)).resolves.toMatchObject({ body: { id: internalBody.id } });
    await expect(service.detail(999, member, today)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('orders current memberships by role and separates former ones', async () => {
    const detail = await service.detail(publicBody.id, anonymous, today);
    expect(detail.current.map((m) => m.role)).toEqual(['chair', 'member']);
    // a removed person's membership stays as history (without end date it sorts last)
    expect(detail.former.map((m) => m.person.givenName)).toEqual(['Früher', 'Weg']);
    expect(detail.former[1].person.deletedAt).toBeInstanceOf(Date);
  });

  it('gives each current member one contact, filtered for the viewer', async () => {
    const forAnonymous = await service.memberContacts(publicBody.id, anonymous, today);
    expect(forAnonymous.contacts).toHaveLength(1);
    expect(forAnonymous.contacts[0]).toMatchObject({ givenName: 'Олена', phones: [], emails: [], address: null });
    const forMember = await service.memberContacts(publicBody.id, member, today);
    expect(forMember.contacts[0]).toMatchObject({ phones: [{ kind: 'work', number: '+49 385 000-1' }], emails: ['olena@example.org'], address: null });
  });
});
