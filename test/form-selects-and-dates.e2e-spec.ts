import { DataSource } from 'typeorm';
import { DatabaseService } from '../src/database/database.service.js';
import { Meeting } from '../src/meetings/meeting.entity.js';
import { ActionItem } from '../src/minutes/action-item.entity.js';
import { createAccount, type Agent } from './helpers/auth.js';
import { formFor, submittedValues, type ParsedField } from './helpers/html-forms.js';
import { agentFor, createMinutesFixture, type MinutesFixture, PASSWORD, submit } from './helpers/minutes.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Required selects start with an empty "Bitte wählen" option (valid HTML; nothing chosen by
 * accident), and the server answers an empty choice with 422, a German message at the field and
 * every other value kept. Native date inputs get ISO dates; the server takes ISO and German dates.
 */
describe('required selects and date fields', () => {
  let t: TestApp;
  let f: MinutesFixture;
  let chair: Agent;
  let member: Agent;
  let admin: Agent;
  let minutes: string;

  beforeAll(async () => {
    t = await createTestApp();
    f = await createMinutesFixture(t);
    chair = await agentFor(t, f.emails.chair);
    member = await agentFor(t, f.emails.member);
    await createAccount(t, { email: 'admin-selects@example.org', password: PASSWORD, isAdmin: true });
    admin = await agentFor(t, 'admin-selects@example.org');
    minutes = `/sitzungen/${f.meetingId}/protokoll`;
    expect((await submit(chair, minutes, minutes, {})).status).toBe(303);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The field of the form to `action` on the page at `path`. */
  async function field(agent: Agent, path: string, action: string, name: string): Promise<ParsedField> {
    const form = formFor((await agent.get(path)).text, path, action);
    const found = form.fields.find((x) => x.name === name);
    if (!found) throw new Error(`no field ${name} in the form to ${action}`);
    return found;
  }

  /** Sends the form as the page renders it, with `changes`; returns the answer and the re-rendered form. */
  async function send(agent: Agent, path: string, action: string, changes: Record<string, string>) {
    const page = await agent.get(path);
    const values = { ...submittedValues(formFor(page.text, path, action)), ...changes };
    const res = await agent.post(action).type('form').send(values);
    return { res, form: res.status === 422 ? formFor(res.text, action, action) : null };
  }

  const cases: { name: string; agent: () => Agent; path: () => string; action: () => string; select: string; message: string; kept: Record<string, string> }[] = [
    {
      name: 'decision result',
      agent: () => chair,
      path: () => `${minutes}/beschluesse/neu`,
      action: () => `${minutes}/beschluesse`,
      select: 'result',
      message: 'Bitte ein Ergebnis wählen.',
      kept: { text: 'Der Beirat empfiehlt, Sprachkurse auszuweiten.' },
    },
    {
      name: 'series rhythm',
      agent: () => chair,
      path: () => `/sitzungen/serie/neu?gremium=${f.bodyId}`,
      action: () => '/sitzungen/serie/neu',
      select: 'rhythm',
      message: 'Bitte einen Rhythmus wählen.',
      kept: { title: 'Sitzung des Testbeirats', startDate: '2031-03-03' },
    },
    {
      name: 'person visibility',
      agent: () => admin,
      path: () => '/personen/neu',
      action: () => '/personen/neu',
      select: 'phoneVisibility',
      message: 'Bitte wählen Sie, für wen diese Angaben sichtbar sind.',
      kept: { familyName: 'Sahin-Testperson', givenName: 'Aylin' },
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s: an empty first option, and choosing it gives 422 with a German message', async (_name, c) => {
    const select = await field(c.agent(), c.path(), c.action(), c.select);
    expect(select.kind).toBe('select');
    expect(select.options[0]).toBe('');
    expect((await c.agent().get(c.path())).text).toMatch(new RegExp(`name="${c.select}"[^>]*>\\s*<option value="">Bitte wählen</option>`));

    const { res, form } = await send(c.agent(), c.path(), c.action(), { ...c.kept, [c.select]: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain(c.message);
    expect(res.text).toMatch(new RegExp(`id="[^"]*-${c.select}-fehler"`));
    const values = Object.fromEntries((form?.fields ?? []).map((x) => [x.name, x.value]));
    expect(values).toMatchObject({ ...c.kept, [c.select]: '' });
  });

  it('RSVP answer: an empty first option, and no answer gives 422 with a German message', async () => {
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const meeting = await t.app.get(DatabaseService).write((m) =>
      m.getRepository(Meeting).save({ bodyId: f.bodyId, title: 'Künftige Sitzung', startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), state: 'scheduled', uid: `rsvp-select-${Date.now()}@test`, isPublic: true }),
    );
    const path = `/sitzungen/${meeting.id}/antwort`;
    expect((await field(member, path, path, 'response')).options[0]).toBe('');
    const { res } = await send(member, path, path, { response: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Bitte wählen Sie Ihre Antwort.');
    expect(res.text).toContain('id="antwort-response-fehler"');
  });

  it('action item due date: ISO in the date input, ISO and German dates accepted', async () => {
    const items = t.app.get(DataSource).getRepository(ActionItem);
    const created = await submit(chair, `${minutes}/aufgaben/neu`, `${minutes}/aufgaben`, { what: 'Dolmetscherpool anfragen', agendaItemId: String(f.publicItemId), responsiblePersonId: String(f.people.member), dueDate: '2026-11-12' });
    expect(created.status).toBe(303);
    const item = await items.findOneByOrFail({ what: 'Dolmetscherpool anfragen' });
    expect(item.dueDate).toBe('2026-11-12');

    const edit = `${minutes}/aufgaben/${item.id}/bearbeiten`;
    const due = await field(chair, edit, `${minutes}/aufgaben/${item.id}`, 'dueDate');
    expect({ kind: due.kind, value: due.value }).toEqual({ kind: 'date', value: '2026-11-12' });

    const unchanged = await send(chair, edit, `${minutes}/aufgaben/${item.id}`, {});
    expect(unchanged.res.status).toBe(303);
    expect((await items.findOneByOrFail({ id: item.id })).dueDate).toBe('2026-11-12');

    const german = await send(chair, edit, `${minutes}/aufgaben/${item.id}`, { dueDate: '3.2.2027' });
    expect(german.res.status).toBe(303);
    expect((await items.findOneByOrFail({ id: item.id })).dueDate).toBe('2027-02-03');
  });
});
