import request from 'supertest';
import { DataSource } from 'typeorm';
import { Account } from '../src/auth/account.entity.js';
import { DEMO_CHAIR, DEMO_MEMBER } from '../src/auth/demo-accounts.js';
import { type AuditChange, AuditEntry } from '../src/audit/audit-entry.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { SELF_CONSENT_TEXT } from '../src/people/own-entry.forms.js';
import { PersonPhone } from '../src/people/person-phone.entity.js';
import { Person } from '../src/people/person.entity.js';
import { csrfToken, login, type Agent } from './helpers/auth.js';
import { html } from './helpers/directory.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const ADMIN = { email: 'leitung@example.org', password: 'Geschäftsstelle am Pfaffenteich 2026' } as const;

/** The own-entry form as the page shows it, with some fields changed (like a browser submitting it). */
async function ownEntryForm(agent: Agent, path: string, changes: Record<string, string>): Promise<Record<string, string>> {
  const page = await agent.get(path).expect(200);
  const fields: Record<string, string> = {};
  for (const m of page.text.matchAll(/<input id="eintrag-[^"]*" name="([^"]+)" type="(?:text|tel|email)"[^>]*?(?: value="([^"]*)")?[^>]*>/g)) fields[m[1]] = m[2] ?? '';
  for (const m of page.text.matchAll(/<select id="eintrag-[^"]*" name="([^"]+)"[^>]*>([^]*?)<\/select>/g)) fields[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? '';
  for (const m of page.text.matchAll(/<textarea id="eintrag-[^"]*" name="([^"]+)"[^>]*>([^]*?)<\/textarea>/g)) fields[m[1]] = m[2].replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  if (/id="eintrag-consent"[^>]* checked/.test(page.text)) fields.consent = 'on';
  return { ...fields, ...changes, _csrf: await csrfToken(agent, path) };
}

describe('Mein Eintrag: a member keeps their own entry current', () => {
  let t: TestApp;
  let member: Agent;
  let otherMember: Agent;
  let admin: Agent;
  let personId: number;
  let otherPersonId: number;
  let path: string;

  beforeAll(async () => {
    t = await createTestApp({ seedDemo: true, adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    const accounts = t.app.get(DataSource).getRepository(Account);
    personId = (await accounts.findOneByOrFail({ email: DEMO_MEMBER.email })).personId ?? 0;
    otherPersonId = (await accounts.findOneByOrFail({ email: DEMO_CHAIR.email })).personId ?? 0;
    path = `/personen/${personId}/selbst-bearbeiten`;
    member = request.agent(t.http);
    await login(member, DEMO_MEMBER.email, DEMO_MEMBER.password);
    otherMember = request.agent(t.http);
    await login(otherMember, DEMO_CHAIR.email, DEMO_CHAIR.password);
    admin = request.agent(t.http);
    await login(admin, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await t.close();
  });

  it('is linked from Meine Seite and shows the administration’s fields read-only with "Änderung anfragen"', async () => {
    const myPage = await member.get('/meine-seite').expect(200);
    expect(myPage.text).toContain(`href="${path}">Meinen Eintrag bearbeiten</a>`);
    const page = await member.get(path).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Das pflegt die Geschäftsstelle');
    expect(page.text).toContain('<dt>Name</dt><dd>Thị Lan Nguyễn</dd>');
    expect(page.text).toContain('Änderung anfragen');
    // name, organisation and e-mail addresses are no fields of this form
    for (const name of ['givenName', 'familyName', 'organisationId', 'email1']) expect(page.text).not.toContain(`name="${name}"`);
  });

  it('refuses someone else’s entry with 403 (page, save, change request) and sends visitors to the login', async () => {
    const other = `/personen/${otherPersonId}/selbst-bearbeiten`;
    expect((await member.get(other)).status).toBe(403);
    const token = await csrfToken(member, path);
    const before = await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id: otherPersonId });
    expect((await member.post(other).type('form').send({ _csrf: token, functionTitle: 'Übernommen', phoneVisibility: 'hidden', emailVisibility: 'hidden', addressVisibility: 'hidden' })).status).toBe(403);
    expect((await member.post(`/personen/${otherPersonId}/aenderung-anfragen`).type('form').send({ _csrf: token, message: 'Bitte löschen' })).status).toBe(403);
    expect((await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id: otherPersonId })).functionTitle).toBe(before.functionTitle);
    // an administrator uses the administration's form, not this one
    expect((await admin.get(path)).status).toBe(403);
    expect((await member.get('/personen/999999/selbst-bearbeiten')).status).toBe(403);
    const anonymous = await request(t.http).get(path);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toBe(`/anmelden?next=${encodeURIComponent(path)}`);
  });

  it('rejects a bad phone number with a German message and keeps everything typed', async () => {
    const form = await ownEntryForm(member, path, { phone1: 'ruf mich an', functionTitle: 'Sozialberaterin und Dolmetscherin', languages: 'Deutsch, Klingonisch' });
    const res = await member.post(path).type('form').send(form);
    expect(res.status).toBe(422);
    expect(res.text).toContain('<title>Fehler: Mein Eintrag');
    expect(res.text).toContain('Bitte geben Sie eine gültige Telefonnummer mit Vorwahl ein');
    expect(res.text).toContain('Die Sprache „Klingonisch“ kennt das Verzeichnis nicht.');
    expect(res.text).toContain('value="ruf mich an"');
    expect(res.text).toContain('value="Sozialberaterin und Dolmetscherin"');
    expect((await t.app.get(DataSource).getRepository(Person).findOneByOrFail({ id: personId })).functionTitle).toBe('Sozialberaterin');
  });

  it('changes the phone number and withdraws its visibility: directory and vCard change at once, the administration’s fields stay', async () => {
    const people = t.app.get(DataSource).getRepository(Person);
    // make the numbers public with consent first, so anonymous visitors see them (and the page cache holds them)
    expect((await member.post(path).type('form').send(await ownEntryForm(member, path, { phoneVisibility: 'public', consent: 'on' }))).status).toBe(303);
    const before = await request(t.http).get(`/personen/${personId}/vcard`).expect(200);
    expect(before.text).toMatch(/^TEL/m);

    const sneaky = { givenName: 'Eingeschmuggelt', familyName: 'Eingeschmuggelt', organisationId: '', email1: 'fremd@example.org' };
    const saved = await member.post(path).type('form').send(await ownEntryForm(member, path, { phoneKind1: 'mobile', phone1: '0176 1234 5678', ...sneaky }));
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${path}?hinweis=gespeichert`);
    expect((await member.get(saved.headers.location)).text).toContain('Ihre Änderungen sind gespeichert.');
    const phones = await t.app.get(DataSource).getRepository(PersonPhone).find({ where: { personId }, order: { position: 'ASC' } });
    expect(phones[0]).toMatchObject({ kind: 'mobile' });
    const stored = phones[0].number;
    expect(stored.replace(/\D/g, '')).toContain('1761234');
    const person = await people.findOneOrFail({ where: { id: personId }, relations: { emails: true } });
    expect([person.givenName, person.familyName]).toEqual(['Thị Lan', 'Nguyễn']);
    expect(person.organisationId).not.toBeNull();
    expect(person.emails.map((e) => e.email)).not.toContain('fremd@example.org');

    // at once: another member's directory page and the anonymous vCard show the new number
    expect((await otherMember.get(`/personen/${personId}`).expect(200)).text).toContain(html(stored));
    expect((await request(t.http).get(`/personen/${personId}/vcard`).expect(200)).text).toContain(stored);

    // withdraw the numbers' visibility: gone from the vCard and the directory at once
    expect((await member.post(path).type('form').send(await ownEntryForm(member, path, { phoneVisibility: 'hidden' }))).status).toBe(303);
    const vcard = await request(t.http).get(`/personen/${personId}/vcard`).expect(200);
    expect(vcard.text).not.toContain(stored);
    expect(vcard.text).not.toMatch(/^TEL/m);
    expect((await otherMember.get(`/personen/${personId}/vcard`).expect(200)).text).not.toContain(stored);
    expect((await otherMember.get(`/personen/${personId}`).expect(200)).text).not.toContain(html(stored));
    expect((await request(t.http).get(`/personen/${personId}`).expect(200)).text).not.toContain(html(stored));
  });

  it('records consent with date and what was agreed; withdrawing is one unticked box', async () => {
    const people = t.app.get(DataSource).getRepository(Person);
    const given = await people.findOneByOrFail({ id: personId });
    expect(given.consentAt).not.toBeNull();
    expect(given.consentRecordedBy).toBe('selbst erteilt über „Mein Eintrag“');
    const page = await member.get(path).expect(200);
    expect(page.text).toMatch(/id="eintrag-consent"[^>]* checked/);

    const { consent: _consent, ...unticked } = await ownEntryForm(member, path, {});
    expect((await member.post(path).type('form').send(unticked)).status).toBe(303);
    const withdrawn = await people.findOneByOrFail({ id: personId });
    expect(withdrawn.consentAt).toBeNull();
    expect(withdrawn.consentRecordedBy).toBeNull();

    const entries = await t.app.get(DataSource).getRepository(AuditEntry).find({ where: { entityType: 'person', entityId: personId, action: 'consent' }, order: { id: 'ASC' } });
    const changes = entries.map((e) => JSON.parse(e.changes) as AuditChange[]);
    expect(changes).toHaveLength(2);
    expect(changes[0].find((c) => c.field === 'consentText')?.new).toBe(SELF_CONSENT_TEXT);
    expect(changes[1].find((c) => c.field === 'consentText')?.new).toBe('Einwilligung selbst widerrufen');
  });

  it('audits every self-edit; the administrator sees them in one list of the Änderungsprotokoll', async () => {
    const entries = await t.app.get(DataSource).getRepository(AuditEntry).find({ where: { entityType: 'person', entityId: personId, action: 'self_edit' }, order: { id: 'ASC' } });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e) => e.actorName === 'Thị Lan Nguyễn')).toBe(true);
    const labels = entries.flatMap((e) => (JSON.parse(e.changes) as AuditChange[]).map((c) => c.label));
    expect(labels).toEqual(expect.arrayContaining(['Telefonnummern', 'Sichtbarkeit Telefon']));

    const protokoll = await admin.get('/admin/protokoll').expect(200);
    expect(protokoll.text).toContain('href="/admin/protokoll?aktion&#x3D;self_edit"');
    const list = await admin.get('/admin/protokoll?aktion=self_edit').expect(200);
    expect(list.text).toContain('vom Mitglied selbst geändert');
    expect(list.text).toContain('Thị Lan Nguyễn');
    // consent entries (another kind of change) stay out of this list
    expect(list.text).not.toContain('Einwilligung selbst widerrufen');
    expect((await admin.get(`/admin/protokoll?person=${personId}`).expect(200)).text).toContain('Einwilligung selbst widerrufen');
    const bad = await admin.get('/admin/protokoll?aktion=alles').expect(422);
    expect(bad.text).toContain('Diese Art von Änderung gibt es nicht.');
    expect((await member.get('/admin/protokoll?aktion=self_edit')).status).toBe(403);
  });

  it('"Änderung anfragen" mails the administrators through the outbox, replying to the member', async () => {
    const token = await csrfToken(member, path);
    const empty = await member.post(`/personen/${personId}/aenderung-anfragen`).type('form').send({ _csrf: token, message: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Bitte schreiben Sie, was geändert werden soll.');

    const res = await member.post(`/personen/${personId}/aenderung-anfragen`).type('form').send({ _csrf: token, message: 'Ich heiße jetzt Nguyễn-Schmidt.\nBitte auch die Organisation ändern.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${path}?hinweis=angefragt#aenderung-anfragen`);
    const mails = await t.app.get(DataSource).getRepository(OutboxMail).find({ where: { kind: 'change_request' } });
    const admins = await t.app.get(DataSource).getRepository(Account).find({ where: { isAdmin: true } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(mails[0].replyTo).toBe(DEMO_MEMBER.email);
    expect(mails[0].subject).toBe('Änderungswunsch: Thị Lan Nguyễn');
    expect(mails[0].textBody).toContain('> Ich heiße jetzt Nguyễn-Schmidt.');
    expect(mails[0].textBody).toContain(`/personen/${personId}/bearbeiten`);
  });
});
