import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, IsNull } from 'typeorm';
import { auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { assertMember } from '../auth/access.js';
import { Account } from '../auth/account.entity.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { BodyPolicyService } from '../bodies/body-policy.service.js';
import { Body } from '../bodies/body.entity.js';
import { currentMembershipSql } from '../bodies/current-membership.js';
import { Membership } from '../bodies/membership.entity.js';
import { escapeHtml } from '../common/html-escape.js';
import { todayInBerlin } from '../common/dates.js';
import { forbidden, notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DatabaseService } from '../database/database.service.js';
import { DocumentsService } from '../documents/documents.service.js';
import { documentMailHtml, documentMailLine } from '../documents/documents.view-model.js';
import { MailService, type NewMail } from '../mail/mail.service.js';
import { firstEmail } from '../mail/meeting-recipients.js';
import { OutboxMail } from '../mail/outbox-mail.entity.js';
import { RsvpSecretService } from '../mail/rsvp-secret.service.js';
import { signLinkToken, verifyLinkToken } from '../mail/rsvp-token.js';
import type { MeetingDocumentLine } from '../meetings/meeting-documents-source.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { shortDate } from '../meetings/meetings.view-model.js';
import { renderMarkdown } from '../minutes/markdown.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { personDisplayName } from '../people/person-name.js';
import { Person } from '../people/person.entity.js';
import { Circular, CircularRecipient, type CircularScope, CircularTarget, CircularUnsubscribe } from './circular.entity.js';

/** The network body whose officers act as the coordinating office (network-wide circulars). */
export const NETWORK_BODY_CODE = 'NM';
const MAX_SUBJECT = 200;
const MAX_TEXT = 20_000;
/** The meetings offered for document links: those that began at most this many days ago, and upcoming ones. */
const MEETING_CHOICE_DAYS = 120;
const MAX_ID = 2_147_483_647;

export interface CircularInput {
  scope: CircularScope;
  bodyIds: number[];
  organisationIds: number[];
  subject: string;
  text: string;
  /** The meeting whose documents the circular links, or null. */
  meetingId: number | null;
}

/** A meeting offered on the form: "12.03.2027 – Beirat – 5. Sitzung". */
export interface MeetingChoice {
  id: number;
  label: string;
}

export interface PlannedRecipient {
  personId: number;
  name: string;
  address: string | null;
  asDeputy: boolean;
  /** Why no mail goes out, or null. */
  note: string | null;
}

export interface CircularPlan {
  input: CircularInput;
  bodies: Body[];
  organisations: Organisation[];
  recipients: PlannedRecipient[];
  html: string;
  /** The linked meeting and its documents (empty without a meeting). */
  meeting: Meeting | null;
  documents: MeetingDocumentLine[];
}

const ADDRESS_NONE = 'keine E-Mail-Adresse hinterlegt';
const UNSUBSCRIBED = 'hat Rundschreiben abbestellt';

/**
 * Circulars (Rundschreiben): a body's chair, deputy chair or secretary writes to its current members;
 * administrators and the coordinating office (officers of the Netzwerk Migration) write to the members
 * of several bodies or to the contacts of selected organisations. Preview with the exact recipients,
 * then one mail per recipient through the outbox (the worker sends, the web process only queues), once
 * per one-time form token. Organisation contacts may unsubscribe with one click (RFC 8058); members
 * cannot unsubscribe from their body's official mail.
 */
@Injectable()
export class CircularsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: DatabaseService,
    private readonly policy: BodyPolicyService,
    private readonly mail: MailService,
    private readonly documents: DocumentsService,
    private readonly secret: RsvpSecretService,
    private readonly audit: AuditLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Administrators and the officers of the network body. */
  async canWriteNetworkWide(viewer: Viewer): Promise<boolean> {
    if (isAdmin(viewer)) return true;
    const network = await this.dataSource.getRepository(Body).findOne({ where: { code: NETWORK_BODY_CODE } });
    return network !== null && (await this.policy.canManageBody(viewer, network.id));
  }

  async body(bodyId: number): Promise<Body> {
    const body = await this.dataSource.getRepository(Body).findOne({ where: { id: bodyId } });
    if (!body) throw notFound('Dieses Gremium gibt es nicht.');
    return body;
  }

  /** For the body's form: 404 / 403 as usual. */
  async forBody(viewer: Viewer, bodyId: number): Promise<Body> {
    const body = await this.body(bodyId);
    await this.policy.assertCanManageBody(viewer, bodyId, `/gremien/${bodyId}/rundschreiben/neu`);
    return body;
  }

  /** For the network-wide form: the bodies and organisations to choose from. */
  async forNetwork(viewer: Viewer): Promise<{ bodies: Body[]; organisations: Organisation[] }> {
    assertMember(viewer, '/rundschreiben/neu');
    if (!(await this.canWriteNetworkWide(viewer))) throw forbidden('Netzwerkweite Rundschreiben schreiben nur die Administration und die Geschäftsführung des Netzwerkes.');
    const [bodies, organisations] = await Promise.all([
      this.dataSource.getRepository(Body).find({ order: { name: 'ASC' } }),
      this.dataSource.getRepository(Organisation).find({ order: { name: 'ASC' } }),
    ]);
    return { bodies, organisations };
  }

  /**
   * The meetings whose documents a circular may link: of the body (a body's circular) or of every body
   * (network-wide, whose senders may write for all), having documents, recent or upcoming, newest first.
   */
  async meetingChoices(bodyId: number | null, now: Date = new Date()): Promise<MeetingChoice[]> {
    const bodyIds = bodyId !== null ? [bodyId] : (await this.dataSource.getRepository(Body).find({ select: { id: true } })).map((b) => b.id);
    const meetings = await this.documents.meetingsWithDocuments(bodyIds, new Date(now.getTime() - MEETING_CHOICE_DAYS * 86_400_000));
    return meetings.map((m) => ({ id: m.id, label: `${shortDate(m.startsAt)} – ${m.body.name} – ${m.title}` }));
  }

  /** The chosen meeting, if it exists and belongs to a body the sender writes for (a body's circular: that body; network-wide: every body). */
  private async chosenMeeting(manager: EntityManager, input: CircularInput, bodies: readonly Body[]): Promise<Meeting | null> {
    const id = input.meetingId;
    if (id === null || !Number.isInteger(id) || id < 1 || id > MAX_ID) return null;
    const meeting = await manager.getRepository(Meeting).findOne({ where: { id }, relations: { body: true } });
    if (!meeting) return null;
    if (input.scope === 'body' && !bodies.some((b) => b.id === meeting.bodyId)) return null;
    return meeting;
  }

  /** Checks the input and computes the exact recipients (the preview and the send use the same). */
  async plan(viewer: Viewer, input: CircularInput, manager: EntityManager = this.dataSource.manager): Promise<CircularPlan> {
    assertMember(viewer);
    const errors: Record<string, string> = {};
    const subject = input.subject.trim();
    if (subject === '') errors.subject = 'Bitte einen Betreff angeben.';
    else if (subject.length > MAX_SUBJECT) errors.subject = `Der Betreff darf höchstens ${MAX_SUBJECT} Zeichen lang sein.`;
    if (input.text.trim() === '') errors.text = 'Bitte einen Text schreiben.';
    else if (input.text.length > MAX_TEXT) errors.text = `Der Text darf höchstens ${MAX_TEXT} Zeichen lang sein.`;
    let bodies: Body[] = [];
    let organisations: Organisation[] = [];
    if (input.scope === 'body') {
      const [id] = input.bodyIds;
      bodies = [await this.forBody(viewer, id)];
    } else {
      if (!(await this.canWriteNetworkWide(viewer))) throw forbidden('Netzwerkweite Rundschreiben schreiben nur die Administration und die Geschäftsführung des Netzwerkes.');
      if (input.scope === 'bodies') {
        bodies = input.bodyIds.length > 0 ? await manager.getRepository(Body).find({ where: { id: In(input.bodyIds) }, order: { name: 'ASC' } }) : [];
        if (bodies.length === 0 || bodies.length !== new Set(input.bodyIds).size) errors.bodyIds = 'Bitte mindestens ein Gremium aus der Liste wählen.';
      } else {
        organisations = input.organisationIds.length > 0 ? await manager.getRepository(Organisation).find({ where: { id: In(input.organisationIds) }, order: { name: 'ASC' } }) : [];
        if (organisations.length === 0 || organisations.length !== new Set(input.organisationIds).size) errors.organisationIds = 'Bitte mindestens eine Organisation aus der Liste wählen.';
      }
    }
    const meeting = input.meetingId === null ? null : await this.chosenMeeting(manager, input, bodies);
    if (input.meetingId !== null && meeting === null) errors.meetingId = 'Bitte eine Sitzung aus der Liste wählen – diese gibt es nicht, oder ihre Unterlagen dürfen Sie hier nicht verlinken.';
    if (Object.keys(errors).length > 0) throw new FormRejected(errors);
    const recipients = input.scope === 'organisations' ? await this.contactsOf(manager, organisations) : await this.membersOf(manager, bodies);
    const documents = meeting ? await this.documents.linesOf(meeting, manager) : [];
    return { input: { ...input, subject }, bodies, organisations, recipients, html: renderMarkdown(input.text), meeting, documents };
  }

  /** Current members of the bodies, each person once; a deputy only where they are nothing but a deputy member. */
  private async membersOf(manager: EntityManager, bodies: readonly Body[]): Promise<PlannedRecipient[]> {
    const memberships = await manager
      .getRepository(Membership)
      .createQueryBuilder('ms')
      .innerJoinAndSelect('ms.person', 'person')
      .leftJoinAndSelect('person.emails', 'emails')
      .where('ms.bodyId IN (:...ids)', { ids: bodies.map((b) => b.id) })
      .andWhere(currentMembershipSql('ms', 'day'), { day: todayInBerlin() })
      .andWhere('person.deletedAt IS NULL')
      .orderBy('person.sortKey', 'ASC')
      .addOrderBy('ms.id', 'ASC')
      .getMany();
    const byPerson = new Map<number, { person: Person; deputyOnly: boolean }>();
    for (const m of memberships) {
      const seen = byPerson.get(m.personId);
      byPerson.set(m.personId, { person: m.person, deputyOnly: (seen?.deputyOnly ?? true) && m.role === 'deputy_member' });
    }
    return [...byPerson.values()].map(({ person, deputyOnly }) => {
      const address = firstEmail(person);
      return { personId: person.id, name: personDisplayName(person), address, asDeputy: deputyOnly, note: address ? null : ADDRESS_NONE };
    });
  }

  /** The people of the organisations (their contacts); addresses that unsubscribed get nothing. */
  private async contactsOf(manager: EntityManager, organisations: readonly Organisation[]): Promise<PlannedRecipient[]> {
    const people = await manager.getRepository(Person).find({
      where: { organisationId: In(organisations.map((o) => o.id)), deletedAt: IsNull() },
      relations: { emails: true },
      order: { sortKey: 'ASC' },
    });
    const unsubscribed = new Set((await manager.getRepository(CircularUnsubscribe).find()).map((u) => u.address));
    return people.map((person) => {
      const address = firstEmail(person);
      const off = address !== null && unsubscribed.has(address.toLowerCase());
      return { personId: person.id, name: personDisplayName(person), address: off ? null : address, asDeputy: false, note: address === null ? ADDRESS_NONE : off ? UNSUBSCRIBED : null };
    });
  }

  /** A fresh one-time token for the preview form. */
  newFormToken(): string {
    return randomBytes(24).toString('base64url');
  }

  /**
   * Sends the circular once per form token: a second submit (double click, reload) finds the token and
   * returns the circular already sent. One mail per recipient with an address, queued in this
   * transaction; the mail worker sends them.
   */
  async send(viewer: Viewer, input: CircularInput, formToken: string, now: Date = new Date()): Promise<{ circularId: number; alreadySent: boolean }> {
    assertMember(viewer);
    if (!/^[A-Za-z0-9_-]{32}$/.test(formToken)) throw new FormRejected({ subject: 'Das Formular ist unvollständig. Bitte die Vorschau erneut öffnen.' });
    const existing = await this.dataSource.getRepository(Circular).findOne({ where: { formToken } });
    if (existing) return { circularId: existing.id, alreadySent: true };
    const secret = this.secret.known() ?? (await this.db.write((m) => this.secret.within(m)));
    return this.db.write(async (manager) => {
      const again = await manager.getRepository(Circular).findOne({ where: { formToken } });
      if (again) return { circularId: again.id, alreadySent: true };
      const plan = await this.plan(viewer, input, manager);
      const account = await manager.getRepository(Account).findOne({ where: { id: viewer.accountId } });
      const sender = account?.personId ? await manager.getRepository(Person).findOne({ where: { id: account.personId }, relations: { emails: true } }) : null;
      const senderName = sender ? personDisplayName(sender) : (account?.email ?? 'Administration');
      const replyTo = (sender ? firstEmail(sender) : null) ?? account?.email ?? null;
      const circular = await manager.getRepository(Circular).save(
        manager.getRepository(Circular).create({ scope: input.scope, subject: plan.input.subject, text: input.text, meetingId: plan.meeting?.id ?? null, senderAccountId: account?.id ?? null, senderName, replyTo, formToken }),
      );
      await manager.getRepository(CircularTarget).insert([
        ...plan.bodies.map((b) => ({ circularId: circular.id, bodyId: b.id, organisationId: null })),
        ...plan.organisations.map((o) => ({ circularId: circular.id, bodyId: null, organisationId: o.id })),
      ]);
      const mails: NewMail[] = [];
      const withAddress = plan.recipients.filter((r) => r.address !== null);
      for (const r of withAddress) mails.push(this.mailFor(circular, plan, r, secret));
      const queued = await this.mail.queueAll(manager, mails, now);
      const mailIdByKey = new Map<string, number>();
      const keys = mails.map((m) => m.dedupKey as string);
      for (let i = 0; i < keys.length; i += 100) {
        for (const o of await manager.getRepository(OutboxMail).find({ select: { id: true, dedupKey: true }, where: { dedupKey: In(keys.slice(i, i + 100)) } })) {
          if (o.dedupKey !== null) mailIdByKey.set(o.dedupKey, o.id);
        }
      }
      const rows = plan.recipients.map((r) => ({
        circularId: circular.id,
        personId: r.personId,
        name: r.name.slice(0, 254),
        address: r.address,
        asDeputy: r.asDeputy,
        mailId: r.address ? (mailIdByKey.get(this.dedupKey(circular.id, r.personId)) ?? null) : null,
        note: r.note,
      }));
      for (let i = 0; i < rows.length; i += 100) await manager.getRepository(CircularRecipient).insert(rows.slice(i, i + 100));
      await this.audit.record(
        manager,
        viewer,
        {
          action: 'circulate',
          entityType: 'circular',
          entityId: circular.id,
          label: circular.subject,
          bodyId: plan.bodies.length === 1 ? plan.bodies[0].id : null,
          changes: auditChanges(
            { subject: 'Betreff', to: 'An', recipients: 'Empfänger mit E-Mail' },
            null,
            { subject: circular.subject, to: [...plan.bodies.map((b) => b.name), ...plan.organisations.map((o) => o.name)].join(', '), recipients: String(queued.filter(Boolean).length) },
          ),
        },
        now,
      );
      return { circularId: circular.id, alreadySent: false };
    });
  }

  private dedupKey(circularId: number, personId: number): string {
    return `circular:c${circularId}:p${personId}`;
  }

  private mailFor(circular: Circular, plan: CircularPlan, r: PlannedRecipient, secret: string): NewMail {
    const host = new URL(this.config.baseUrl).hostname;
    const first = plan.bodies[0];
    const listId = plan.input.scope === 'organisations' || !first ? `Netzwerk Migration <netzwerk.${host}>` : `${first.shortName ?? first.name} <${first.code.toLowerCase()}.${host}>`;
    const unsubscribe =
      plan.input.scope === 'organisations' ? `${this.config.baseUrl}/rundschreiben/abbestellen/${signLinkToken(secret, 'u1', { subjectId: circular.id, personId: r.personId, expiresAt: new Date(Date.now() + 5 * 365 * 86_400_000) })}` : null;
    const to = plan.input.scope === 'organisations' ? plan.organisations.map((o) => o.name).join(', ') : plan.bodies.map((b) => b.name).join(', ');
    const footer = [
      '',
      '-- ',
      `Rundschreiben von ${circular.senderName} an ${to}${r.asDeputy ? ' (Sie erhalten es als Stellvertretung)' : ''}.`,
      `Antworten gehen an ${circular.senderName}.`,
      ...(unsubscribe ? [`Keine Rundschreiben mehr erhalten: ${unsubscribe}`] : []),
    ];
    const htmlFooter = `<hr><p>Rundschreiben von ${escapeHtml(circular.senderName)} an ${escapeHtml(to)}${r.asDeputy ? ' (Sie erhalten es als Stellvertretung)' : ''}.</p>${unsubscribe ? `<p><a href="${escapeHtml(unsubscribe)}">Keine Rundschreiben mehr erhalten</a></p>` : ''}`;
    const documentLines = plan.documents.length > 0 && plan.meeting ? ['', `Unterlagen der Sitzung „${plan.meeting.title}“ (${shortDate(plan.meeting.startsAt)}):`, ...plan.documents.map(documentMailLine)] : [];
    return {
      kind: 'circular',
      to: { address: r.address as string, name: r.name },
      replyTo: circular.replyTo,
      subject: circular.subject,
      text: `${circular.text}\n${[...documentLines, ...footer].join('\n')}`,
      html: `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(circular.subject)}</title></head><body>${plan.html}${documentMailHtml(plan.documents)}${htmlFooter}</body></html>`,
      listId,
      listUnsubscribe: unsubscribe,
      personId: r.personId,
      dedupKey: this.dedupKey(circular.id, r.personId),
    };
  }

  // ------------------------------------------------------------------ reading

  /** Circulars sent to the body, newest first, for its current members, officers and administrators. */
  async archive(viewer: Viewer, bodyId: number): Promise<{ body: Body; circulars: Circular[]; canWrite: boolean }> {
    assertMember(viewer, `/gremien/${bodyId}/rundschreiben`);
    const body = await this.body(bodyId);
    const canWrite = await this.policy.canManageBody(viewer, bodyId);
    if (!canWrite && !(viewer.personId !== null && (await this.policy.currentMemberIds(bodyId)).includes(viewer.personId))) {
      throw forbidden('Die Rundschreiben eines Gremiums sehen nur seine Mitglieder.');
    }
    const circulars = await this.dataSource
      .getRepository(Circular)
      .createQueryBuilder('c')
      .innerJoin(CircularTarget, 't', 't.circular_id = c.id AND t.body_id = :bodyId', { bodyId })
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    return { body, circulars, canWrite };
  }

  /** One circular: its text for the members of its bodies; the delivery status too for its sender, the bodies' officers and administrators. */
  async show(viewer: Viewer, id: number): Promise<{ circular: Circular; targets: CircularTarget[]; recipients: CircularRecipient[] | null; meeting: Meeting | null; documents: MeetingDocumentLine[] }> {
    assertMember(viewer, `/rundschreiben/${id}`);
    const circular = await this.dataSource.getRepository(Circular).findOne({ where: { id } });
    if (!circular) throw notFound('Dieses Rundschreiben gibt es nicht.');
    const targets = await this.dataSource.getRepository(CircularTarget).find({ where: { circularId: id }, relations: { body: true, organisation: true } });
    const bodyIds = targets.flatMap((t) => (t.bodyId !== null ? [t.bodyId] : []));
    let officer = isAdmin(viewer) || circular.senderAccountId === viewer.accountId;
    for (const b of bodyIds) if (!officer && (await this.policy.canManageBody(viewer, b))) officer = true;
    let member = false;
    if (!officer && viewer.personId !== null) {
      for (const b of bodyIds) if ((await this.policy.currentMemberIds(b)).includes(viewer.personId)) member = true;
      if (!member) member = (await this.dataSource.getRepository(CircularRecipient).count({ where: { circularId: id, personId: viewer.personId } })) > 0;
    }
    if (!officer && !member) throw forbidden('Dieses Rundschreiben sehen nur seine Empfängerinnen und Empfänger.');
    const recipients = officer ? await this.dataSource.getRepository(CircularRecipient).find({ where: { circularId: id }, relations: { mail: true }, order: { name: 'ASC', id: 'ASC' } }) : null;
    // the linked meeting's documents as they are now (links always open the newest version)
    const meeting = circular.meetingId === null ? null : await this.dataSource.getRepository(Meeting).findOne({ where: { id: circular.meetingId }, relations: { body: true } });
    const documents = meeting ? await this.documents.linesOf(meeting) : [];
    return { circular, targets, recipients, meeting, documents };
  }

  // ------------------------------------------------------------------ GDPR

  /** Erasure of a person (PrivacyService.erase, in its transaction): their name and address leave the recipient lists and the sender lines. */
  async erasePerson(manager: EntityManager, personId: number, accountId: number | null, erasedName: string): Promise<void> {
    await manager.getRepository(CircularRecipient).update({ personId }, { name: erasedName, address: null, note: 'gelöscht (Datenschutz)' });
    if (accountId !== null) await manager.getRepository(Circular).update({ senderAccountId: accountId }, { senderName: erasedName, replyTo: null });
  }

  // ------------------------------------------------------------------ unsubscribing

  /** The address a signed unsubscribe link stands for (404 for a forged link). */
  async unsubscribeContext(token: string): Promise<{ address: string; already: boolean }> {
    const secret = this.secret.known() ?? (await this.db.write((m) => this.secret.within(m)));
    const check = verifyLinkToken(secret, 'u1', token);
    if (!check.ok) throw notFound('Diese Seite gibt es nicht. Bitte verwenden Sie den vollständigen Link aus der E-Mail.');
    const recipient = await this.dataSource.getRepository(CircularRecipient).findOne({ where: { circularId: check.grant.subjectId, personId: check.grant.personId } });
    if (!recipient?.address) throw notFound('Diese Seite gibt es nicht. Bitte verwenden Sie den vollständigen Link aus der E-Mail.');
    const address = recipient.address.toLowerCase();
    const already = (await this.dataSource.getRepository(CircularUnsubscribe).count({ where: { address } })) > 0;
    return { address, already };
  }

  /** One click: this address gets no more network-wide circulars to organisation contacts. */
  async unsubscribe(token: string): Promise<string> {
    const { address } = await this.unsubscribeContext(token);
    await this.db.write((m) => m.createQueryBuilder().insert().into(CircularUnsubscribe).values({ address }).orIgnore().execute());
    return address;
  }
}
