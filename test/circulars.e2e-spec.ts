import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Membership } from '../src/bodies/membership.entity.js';
import { Circular, CircularRecipient } from '../src/circulars/circular.entity.js';
import { MeetingDocument } from '../src/documents/document.entity.js';
import { Body } from '../src/bodies/body.entity.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { OutboxMail } from '../src/mail/outbox-mail.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { Person } from '../src/people/person.entity.js';
import { PrivacyService } from '../src/privacy/privacy.service.js';
import { type Agent, csrfTokenFrom, loggedInAgent } from './helpers/auth.js';
import { samplePdf } from './helpers/documents.js';
import { HtmlCollector } from './helpers/html-validity.js';
import { createMeetingFixture, mailSuite, type MeetingFixture } from './helpers/mail.js';

const PASSWORD = 'Rundschreiben-Passwort-2026';

/** A header of the raw message, unfolded (independent of the parser's structuring of List-* headers). */
function rawHeader(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}: (.*)$`, 'im').exec(head);
  return m ? m[1].trim() : null;
}

function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/** The hidden fields of the preview's send form. */
function sendFields(html: string): Record<string, string | string[]> {
  const form = /<form method="post" action="\/rundschreiben\/senden">([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const fields: Record<string, string | string[]> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    const value = m[2].replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x60;/g, '`').replace(/&amp;/g, '&');
    const had = fields[m[1]];
    fields[m[1]] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return fields;
}

async function preview(agent: Agent, formPath: string, fields: Record<string, string | string[]>): Promise<request.Response> {
  const page = await agent.get(formPath);
  return agent.post(formPath).type('form').send({ ...fields, _csrf: csrfTokenFrom(page.text) });
}

/** Uploads one document to a meeting like a browser (multipart), as its chair. */
async function upload(agent: Agent, meetingId: number, fields: Record<string, string>, file: { name: string; bytes: Buffer }): Promise<request.Response> {
  const page = await agent.get(`/sitzungen/${meetingId}/unterlagen/neu`);
  let req = agent.post(`/sitzungen/${meetingId}/unterlagen/neu`).field('_csrf', csrfTokenFrom(page.text));
  for (const [k, v] of Object.entries({ agendaItemId: '', title: '', description: '', visibility: 'public', ...fields })) req = req.field(k, v);
  return req.attach('dateien', file.bytes, { filename: file.name, contentType: 'application/octet-stream' });
}

describe('Circulars (Rundschreiben) through the outbox to a real SMTP server', () => {
  const suite = mailSuite();
  let f: MeetingFixture;
  let chair: Agent;
  let member: Agent;

  const drain = async (): Promise<void> => {
    while ((await suite.t.worker.runOnce()) !== null);
  };

  beforeAll(async () => {
    f = await createMeetingFixture(suite.t.db, { code: 'RS' });
    chair = await loggedInAgent(suite.t, { email: 'petrova-konto@example.org', password: PASSWORD, personId: f.chairId });
    member = await loggedInAgent(suite.t, { email: 'nguyen-konto@example.org', password: PASSWORD, personId: f.members.nguyen });
  });

  it('refuses an empty circular with German messages and keeps what was typed (422)', async () => {
    const res = await preview(chair, `/gremien/${f.bodyId}/rundschreiben/neu`, { subject: '', text: 'Nur Text' });
    expect(res.status).toBe(422);
    expect(visibleText(res.text)).toContain('Bitte einen Betreff angeben.');
    expect(res.text).toContain('Nur Text');
  });

  it('previews the exact recipients, then sends one mail per member with an address (Reply-To, List-Id, text and HTML), once', async () => {
    const res = await preview(chair, `/gremien/${f.bodyId}/rundschreiben/neu`, {
      subject: 'Einladung zum Sommerfest',
      text: 'Liebe Mitglieder,\n\nwir feiern am **Freitag** im Hof.\n\n<script>alert(1)</script>\n\n- Grillgut\n- Getränke',
    });
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Es gehen 4 E-Mails hinaus');
    expect(text).toContain('Ömer Yılmaz');
    expect(text).toContain('keine E-Mail-Adresse hinterlegt');
    expect(text).toContain('als Stellvertretung'); // Haddad is a deputy member
    expect(res.text).toContain('<strong>Freitag</strong>');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(await suite.t.db.dataSource.getRepository(Circular).count()).toBe(0);

    const fields = sendFields(res.text);
    const send = (): Promise<request.Response> => chair.post('/rundschreiben/senden').type('form').send({ ...fields, _csrf: csrfTokenFrom(res.text) });
    const [first, second] = [await send(), await send()];
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(`${first.headers.location}?schon=1`);
    expect(await suite.t.db.dataSource.getRepository(Circular).count()).toBe(1);
    expect(await suite.t.db.dataSource.getRepository(OutboxMail).count({ where: { kind: 'circular' } })).toBe(4);

    await drain();
    const mails = (await suite.smtp.waitFor(4)).filter((m) => m.parsed.subject === 'Einladung zum Sommerfest');
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['haddad-RS@example.org', 'muessig-RS@example.org', 'nguyen-RS@example.org', 'petrova-RS@example.org']);
    const one = mails.find((m) => m.envelopeTo[0] === 'muessig-RS@example.org');
    expect(one?.parsed.replyTo?.value[0].address).toBe('petrova-RS@example.org');
    expect(rawHeader(one?.raw ?? '', 'List-Id')).toMatch(/^Beirat RS <rs\.[^>]+>$/);
    // members cannot unsubscribe from their body's official mail
    expect(rawHeader(one?.raw ?? '', 'List-Unsubscribe')).toBeNull();
    expect(one?.parsed.text).toContain('wir feiern am **Freitag** im Hof.');
    expect(one?.parsed.html).toContain('<strong>Freitag</strong>');
    expect(one?.parsed.html).not.toContain('<script>');

    // the sender sees the delivery status per recipient; the archive lists it for members
    const page = visibleText((await chair.get(first.headers.location).expect(200)).text);
    expect(page).toContain('Versendet');
    expect(page).toContain('keine E-Mail-Adresse hinterlegt');
    const archive = await member.get(`/gremien/${f.bodyId}/rundschreiben`).expect(200);
    expect(archive.text).toContain('Einladung zum Sommerfest');
    const asMember = visibleText((await member.get(first.headers.location).expect(200)).text);
    expect(asMember).toContain('Grillgut');
    expect(asMember).not.toContain('Zustellung je');
    const audit = await suite.t.db.dataSource.getRepository(AuditEntry).findOneByOrFail({ entityType: 'circular', action: 'circulate' });
    expect(audit.label).toBe('Einladung zum Sommerfest');
  });

  it('links the documents of a chosen meeting in the preview, every mail (text and HTML) and the archived circular', async () => {
    const { baseUrl } = suite.t.config;
    expect((await upload(chair, f.meetingId, { title: 'Haushaltsentwurf 2027', visibility: 'public' }, { name: 'haushalt.pdf', bytes: await samplePdf('Haushalt') })).status).toBe(303);
    expect((await upload(chair, f.meetingId, { title: 'Bewerbungen', visibility: 'members' }, { name: 'bewerbungen.txt', bytes: Buffer.from('Namen\n', 'utf8') })).status).toBe(303);
    const docs = await suite.t.db.dataSource.getRepository(MeetingDocument).find({ where: { meetingId: f.meetingId } });
    const publicId = docs.find((d) => d.title === 'Haushaltsentwurf 2027')?.id;
    const membersId = docs.find((d) => d.title === 'Bewerbungen')?.id;
    const meeting = await suite.t.db.dataSource.getRepository(Meeting).findOneByOrFail({ id: f.meetingId });

    // the form offers the meeting (it has documents)
    const form = await chair.get(`/gremien/${f.bodyId}/rundschreiben/neu`).expect(200);
    expect(form.text).toContain('Unterlagen einer Sitzung verlinken');
    expect(form.text).toMatch(new RegExp(`<option value="${f.meetingId}">[^<]*${meeting.title}</option>`));

    const res = await preview(chair, `/gremien/${f.bodyId}/rundschreiben/neu`, { subject: 'Unterlagen zur Sitzung', text: 'Bitte lesen.', meetingId: String(f.meetingId) });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<a href="${baseUrl}/unterlagen/${publicId}">Haushaltsentwurf 2027</a> (PDF, `);
    expect(visibleText(res.text)).toMatch(/Bewerbungen \(Text, [^)]*, nur nach Anmeldung\)/);
    const fields = sendFields(res.text);
    expect(fields.meetingId).toBe(String(f.meetingId));
    const before = suite.smtp.received.length;
    const sent = await chair.post('/rundschreiben/senden').type('form').send({ ...fields, _csrf: csrfTokenFrom(res.text) });
    expect(sent.status).toBe(303);
    expect((await suite.t.db.dataSource.getRepository(Circular).findOneByOrFail({ subject: 'Unterlagen zur Sitzung' })).meetingId).toBe(f.meetingId);

    await drain();
    const mails = (await suite.smtp.waitFor(before + 4)).slice(before).filter((m) => m.parsed.subject === 'Unterlagen zur Sitzung');
    expect(mails).toHaveLength(4);
    for (const mail of mails) {
      const text = mail.parsed.text ?? '';
      expect(text).toContain(`Unterlagen der Sitzung „${meeting.title}“`);
      expect(text).toMatch(new RegExp(`- Haushaltsentwurf 2027 \\(PDF, [^)]*\\): ${baseUrl}/unterlagen/${publicId}\n`));
      expect(text).toMatch(new RegExp(`- Bewerbungen \\(Text, [^)]*, nur nach Anmeldung\\): ${baseUrl}/unterlagen/${membersId}\n`));
      const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
      expect(html).toContain(`<a href="${baseUrl}/unterlagen/${publicId}">Haushaltsentwurf 2027</a>`);
      expect(html).toMatch(new RegExp(`<a href="${baseUrl}/unterlagen/${membersId}">Bewerbungen</a> \\(Text, [^)]*, nur nach Anmeldung\\)`));
      expect(html).not.toMatch(/Haushaltsentwurf 2027<\/a> \([^)]*nur nach Anmeldung/);
    }

    // the archived circular lists them too, for members
    const page = await member.get(sent.headers.location).expect(200);
    expect(page.text).toContain(`<a href="${baseUrl}/unterlagen/${membersId}">Bewerbungen</a>`);
    expect(visibleText(page.text)).toMatch(/Bewerbungen \(Text, [^)]*, nur nach Anmeldung\)/);
  });

  it('refuses a forged meeting (unknown, of another body, garbage) with a German field error, keeping what was typed (422)', async () => {
    const other = await suite.t.db.write(async (m) => {
      const body = await m.getRepository(Body).save(m.getRepository(Body).create({ name: 'Anderes Gremium RS', code: 'AGRS', kind: 'advisory_board', isPublic: true }));
      const source = await m.getRepository(Meeting).findOneByOrFail({ id: f.meetingId });
      const { id: _id, ...rest } = source;
      return (await m.getRepository(Meeting).save(m.getRepository(Meeting).create({ ...rest, bodyId: body.id, body, uid: `${source.uid}-andere`, title: 'Fremde Sitzung' }))).id;
    });
    const before = await suite.t.db.dataSource.getRepository(Circular).count();
    for (const meetingId of ['999999', String(other), 'abc', '99999999999']) {
      const res = await preview(chair, `/gremien/${f.bodyId}/rundschreiben/neu`, { subject: 'Gefälschte Sitzung', text: 'Mein getippter Text', meetingId });
      expect(res.status).toBe(422);
      expect(visibleText(res.text)).toContain('Bitte eine Sitzung aus der Liste wählen');
      expect(res.text).toContain('value="Gefälschte Sitzung"');
      expect(res.text).toContain('Mein getippter Text');
      expect(res.text).toContain('aria-invalid="true"');
    }
    // posted straight to the send route as well
    const page = await chair.get(`/gremien/${f.bodyId}/rundschreiben/neu`);
    const direct = await chair
      .post('/rundschreiben/senden')
      .type('form')
      .send({ scope: 'body', bodyIds: String(f.bodyId), subject: 'Direkt gefälscht', text: 'Text bleibt', meetingId: String(other), formToken: 'A'.repeat(32), _csrf: csrfTokenFrom(page.text) });
    expect(direct.status).toBe(422);
    expect(direct.text).toContain('Text bleibt');
    expect(await suite.t.db.dataSource.getRepository(Circular).count()).toBe(before);
  });

  it('renders the meeting choice, its error, and the document lists of preview and archive as valid HTML (W3C checker)', async () => {
    const collector = new HtmlCollector();
    try {
      const form = `/gremien/${f.bodyId}/rundschreiben/neu`;
      collector.add('circular form with meetings', (await chair.get(form)).text);
      collector.add('circular form 422 forged meeting', (await preview(chair, form, { subject: 'x', text: 'y', meetingId: '999999' })).text);
      collector.add('circular preview with documents', (await preview(chair, form, { subject: 'x', text: 'y', meetingId: String(f.meetingId) })).text);
      const sent = await suite.t.db.dataSource.getRepository(Circular).findOneByOrFail({ subject: 'Unterlagen zur Sitzung' });
      collector.add('archived circular with documents', (await chair.get(`/rundschreiben/${sent.id}`)).text);
      // the network-wide form offers meetings of every body
      const admin = await loggedInAgent(suite.t, { email: 'admin-unterlagen-rs@example.org', password: PASSWORD, isAdmin: true });
      const network = await admin.get('/rundschreiben/neu').expect(200);
      expect(network.text).toContain(`<option value="${f.meetingId}">`);
      expect(network.text).not.toContain('Fremde Sitzung'); // no documents, so not offered
      collector.add('network circular form with meetings', network.text);
      expect(await collector.problems()).toEqual([]);
    } finally {
      collector.dispose();
    }
  }, 60_000);

  it('lets only officers write to the body, and network-wide circulars only administrators and the network office', async () => {
    expect((await member.get(`/gremien/${f.bodyId}/rundschreiben/neu`)).status).toBe(403);
    expect((await chair.get('/rundschreiben/neu')).status).toBe(403);
    const outsider = await loggedInAgent(suite.t, { email: 'aussen-rs@example.org', password: PASSWORD });
    expect((await outsider.get(`/gremien/${f.bodyId}/rundschreiben`)).status).toBe(403);
    const sent = await suite.t.db.dataSource.getRepository(Circular).findOneByOrFail({ subject: 'Einladung zum Sommerfest' });
    expect((await outsider.get(`/rundschreiben/${sent.id}`)).status).toBe(403);
    expect((await request(suite.t.http).get(`/rundschreiben/${sent.id}`)).status).toBe(302);
  });

  it('sends network-wide to organisation contacts with one-click List-Unsubscribe (RFC 8058) and honours it', async () => {
    const org = await suite.t.db.write(async (m) => {
      const o = await m.getRepository(Organisation).save(m.getRepository(Organisation).create({ name: 'Verein Rundschreiben', kind: 'ngo' } as Partial<Organisation>));
      await m.getRepository(Person).update({ id: f.members.muessig }, { organisationId: o.id });
      await m.getRepository(Person).update({ id: f.members.nguyen }, { organisationId: o.id });
      return o;
    });
    const admin = await loggedInAgent(suite.t, { email: 'admin-rs@example.org', password: PASSWORD, isAdmin: true });
    const res = await preview(admin, '/rundschreiben/neu', { scope: 'organisations', organisationIds: String(org.id), subject: 'Netzwerk-Info', text: 'Hallo' });
    expect(res.status).toBe(200);
    const before = suite.smtp.received.length;
    const sent = await admin.post('/rundschreiben/senden').type('form').send({ ...sendFields(res.text), _csrf: csrfTokenFrom(res.text) });
    expect(sent.status).toBe(303);
    await drain();
    const mails = (await suite.smtp.waitFor(before + 2)).slice(before);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['muessig-RS@example.org', 'nguyen-RS@example.org']);
    const mail = mails[0];
    const header = /^<([^>]+)>$/.exec(rawHeader(mail.raw, 'List-Unsubscribe') ?? '')?.[1] ?? '';
    expect(header).toMatch(/\/rundschreiben\/abbestellen\/u1\./);
    expect(rawHeader(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail.raw, 'List-Id')).toMatch(/^Netzwerk Migration <netzwerk\./);
    // the mail program's one-click POST, without session or CSRF token
    const path = new URL(header).pathname;
    const click = await request(suite.t.http).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(click.status).toBe(200);
    // the next network-wide circular skips that address; members of a body still get their body's mail
    const again = await preview(admin, '/rundschreiben/neu', { scope: 'organisations', organisationIds: String(org.id), subject: 'Zweite Info', text: 'Hallo' });
    expect(visibleText(again.text)).toContain('hat Rundschreiben abbestellt');
    expect(visibleText(again.text)).toContain('Es gehen 1 E-Mails hinaus');
    expect((await request(suite.t.http).get('/rundschreiben/abbestellen/u1.1.1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('keeps 500 recipients out of the web request: the preview and the send only queue', async () => {
    const persons = await suite.t.db.write(async (m) => {
      const people = [];
      for (let i = 0; i < 500; i++) {
        people.push(m.getRepository(Person).create({ formOfAddress: '', givenName: `Person ${i}`, familyName: 'Massenprobe', sortKey: `massenprobe ${String(i).padStart(3, '0')}`, emailVisibility: 'members', emails: [{ email: `massen-${i}@example.org`, position: 0 }] }));
      }
      const saved = await m.getRepository(Person).save(people, { chunk: 50 });
      await m.getRepository(Membership).save(
        saved.map((p) => m.getRepository(Membership).create({ bodyId: f.bodyId, personId: p.id, role: 'member', votingRight: false, startDate: '2020-01-01' })),
        { chunk: 50 },
      );
      return saved.length;
    });
    expect(persons).toBe(500);
    const res = await preview(chair, `/gremien/${f.bodyId}/rundschreiben/neu`, { subject: 'An alle 505', text: 'Viele' });
    expect(visibleText(res.text)).toContain('Es gehen 504 E-Mails hinaus');
    const started = Date.now();
    const sent = await chair.post('/rundschreiben/senden').type('form').send({ ...sendFields(res.text), _csrf: csrfTokenFrom(res.text) });
    expect(sent.status).toBe(303);
    expect(Date.now() - started).toBeLessThan(10_000);
    const circular = await suite.t.db.dataSource.getRepository(Circular).findOneByOrFail({ subject: 'An alle 505' });
    expect(await suite.t.db.dataSource.getRepository(CircularRecipient).count({ where: { circularId: circular.id } })).toBe(505);
    expect(await suite.t.db.dataSource.getRepository(OutboxMail).count({ where: { kind: 'circular', status: 'queued' } })).toBe(504);
  });

  it('forgets an erased person (GDPR): recipient lists and their mails lose name, address, text and HTML', async () => {
    const admin = { kind: 'member' as const, accountId: 0, personId: null, isAdmin: true };
    await suite.t.app.get(PrivacyService).erase(admin, f.members.muessig);
    const rows = await suite.t.db.dataSource.getRepository(CircularRecipient).find({ where: { personId: f.members.muessig } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.name === 'Gelöschte Person' && r.address === null)).toBe(true);
    const mails = await suite.t.db.dataSource.getRepository(OutboxMail).find({ where: { personId: f.members.muessig, kind: 'circular' } });
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => m.htmlBody === null && m.listUnsubscribe === null && !m.textBody.includes('Sommerfest'))).toBe(true);
  });
});
