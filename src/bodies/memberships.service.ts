import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditActor, auditChanges, AuditLog } from '../audit/audit-log.service.js';
import { assertMember } from '../auth/access.js';
import { BodyPolicyService } from './body-policy.service.js';
import type { Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { notFound } from '../common/errors/user-facing.js';
import { FormRejected } from '../common/forms/form.js';
import { DatabaseService } from '../database/database.service.js';
import { DomainEvents } from '../database/domain-events.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { personDisplayName, personSortName } from '../people/person-name.js';
import { Person } from '../people/person.entity.js';
import { BodiesRepository } from './bodies.repository.js';
import { Body } from './body.entity.js';
import { membershipPeriod } from './current-membership.js';
import type { MembershipInput } from './dto/membership.dto.js';
import { MEMBERSHIP_AUDIT_LABELS, membershipAuditLabel, membershipAuditValues } from './membership-audit.js';
import { Membership } from './membership.entity.js';

export interface Choice {
  id: number;
  name: string;
}

/**
 * Memberships of a body, managed by administrators and by the current chair, deputy chair and
 * secretary of THAT body (BodyPolicyService). Ending a membership sets its end date: it stays
 * as history. Every change is written with its audit entry in one transaction. When a person leaves
 * the directory ('person.leaving', published by people), their memberships end in the same transaction.
 */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly repository: BodiesRepository,
    private readonly permissions: BodyPolicyService,
    private readonly audit: AuditLog,
    events: DomainEvents,
  ) {
    events.on('person.leaving', (manager, e) => this.endOpenMemberships(manager, e.actor, e.person));
  }

  /** The body, if the viewer may manage its memberships: anonymous → login, unknown → 404, others → 403. */
  async manageableBody(viewer: Viewer, bodyId: number, returnTo: string): Promise<Body> {
    assertMember(viewer, returnTo);
    const body = await this.repository.findById(bodyId);
    if (!body) throw notFound('Dieses Gremium gibt es nicht.');
    await this.permissions.assertCanManageBody(viewer, bodyId, returnTo);
    return body;
  }

  /** One membership of a manageable body. */
  async manageableMembership(viewer: Viewer, bodyId: number, membershipId: number, returnTo: string): Promise<Membership> {
    await this.manageableBody(viewer, bodyId, returnTo);
    const membership = await this.repository.findMembership(bodyId, membershipId);
    if (!membership) throw notFound('Diese Mitgliedschaft gibt es nicht.');
    return membership;
  }

  /** People and organisations to choose from (current directory entries only). */
  async choices(): Promise<{ people: Choice[]; organisations: Choice[] }> {
    const ds = this.db.dataSource;
    const [people, organisations] = await Promise.all([
      ds.getRepository(Person).find({ select: { id: true, givenName: true, familyName: true, functionTitle: true }, order: { sortKey: 'ASC', id: 'ASC' } }),
      ds.getRepository(Organisation).find({ select: { id: true, name: true }, order: { name: 'ASC' } }),
    ]);
    return {
      people: people.map((p) => ({ id: p.id, name: p.functionTitle ? `${personSortName(p)} (${p.functionTitle})` : personSortName(p) })),
      organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    };
  }

  async create(viewer: Viewer, bodyId: number, personId: number, input: MembershipInput): Promise<Membership> {
    const body = await this.manageableBody(viewer, bodyId, `/gremien/${bodyId}`);
    return this.db.write(async (manager) => this.saveInTransaction(manager, await this.audit.actor(manager, viewer), body, null, personId, input, 'create'));
  }

  async update(viewer: Viewer, bodyId: number, membershipId: number, input: MembershipInput): Promise<Membership> {
    const existing = await this.manageableMembership(viewer, bodyId, membershipId, `/gremien/${bodyId}`);
    return this.db.write(async (manager) =>
      this.saveInTransaction(manager, await this.audit.actor(manager, viewer), existing.body, membershipId, existing.personId, input, 'update'),
    );
  }

  /** Ends a membership on the given day; it stays as history. */
  async end(viewer: Viewer, bodyId: number, membershipId: number, endDate: string): Promise<Membership> {
    const m = await this.manageableMembership(viewer, bodyId, membershipId, `/gremien/${bodyId}`);
    if (m.startDate !== null && endDate < m.startDate) throw new FormRejected({ endDate: 'Das Ende darf nicht vor dem Beginn liegen.' });
    const input: MembershipInput = { role: m.role, votingRight: m.votingRight, onBehalfOfId: m.onBehalfOfId, startDate: m.startDate, endDate, note: m.note };
    return this.db.write(async (manager) => this.saveInTransaction(manager, await this.audit.actor(manager, viewer), m.body, membershipId, m.personId, input, 'update'));
  }

  /**
   * Creates (id null) or updates a membership inside the caller's transaction, with its audit entry.
   * Callers have checked the right to manage the body. FormRejected for a missing person or organisation.
   */
  async saveInTransaction(
    manager: EntityManager,
    actor: AuditActor,
    body: Body,
    id: number | null,
    personId: number,
    input: MembershipInput,
    action: 'create' | 'update' | 'import',
  ): Promise<Membership> {
    const repo = manager.getRepository(Membership);
    const existing = id === null ? null : await repo.findOne({ where: { id, bodyId: body.id }, relations: { onBehalfOf: true } });
    if (id !== null && !existing) throw notFound('Diese Mitgliedschaft gibt es nicht.');
    const person = await manager.getRepository(Person).findOne({ where: { id: personId }, withDeleted: existing !== null });
    if (!person) throw new FormRejected({ personId: 'Diese Person gibt es nicht (mehr) im Verzeichnis.' });
    let onBehalfOfName: string | null = null;
    if (input.onBehalfOfId !== null) {
      const org = await manager.getRepository(Organisation).findOne({ where: { id: input.onBehalfOfId } });
      if (!org) throw new FormRejected({ onBehalfOfId: 'Diese Organisation gibt es nicht (mehr).' });
      onBehalfOfName = org.name;
    }
    const before = existing ? membershipAuditValues(existing, existing.onBehalfOf?.name ?? null) : null;
    const changes = auditChanges(MEMBERSHIP_AUDIT_LABELS, before, membershipAuditValues(input, onBehalfOfName));
    if (existing && changes.length === 0) return existing;
    let saved: Membership;
    if (existing) {
      await repo.update({ id: existing.id }, input);
      saved = await repo.findOneOrFail({ where: { id: existing.id } });
    } else {
      saved = await repo.save(repo.create({ ...input, bodyId: body.id, personId }));
    }
    await this.audit.record(manager, actor, {
      action,
      entityType: 'membership',
      entityId: saved.id,
      label: membershipAuditLabel(personDisplayName(person), body.name),
      subjectPersonId: person.id,
      bodyId: body.id,
      changes,
    });
    return saved;
  }

  /**
   * Ends every membership of the person that is not over yet, each with its audit entry: current ones
   * end today, upcoming ones on their start day (kept as history).
   */
  async endOpenMemberships(manager: EntityManager, actor: AuditActor, person: Pick<Person, 'id' | 'academicTitle' | 'givenName' | 'familyName'>): Promise<void> {
    const today = todayInBerlin();
    const memberships = await manager.getRepository(Membership).find({
      where: { personId: person.id },
      relations: { body: true, onBehalfOf: true },
      withDeleted: true,
      order: { id: 'ASC' },
    });
    for (const m of memberships) {
      const period = membershipPeriod(m, today);
      if (period === 'ended') continue;
      const endDate = period === 'upcoming' && m.startDate !== null ? m.startDate : today;
      if (m.endDate === endDate) continue;
      const before = membershipAuditValues(m, m.onBehalfOf?.name ?? null);
      await manager.getRepository(Membership).update({ id: m.id }, { endDate });
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'membership',
        entityId: m.id,
        label: membershipAuditLabel(personDisplayName(person), m.body?.name ?? `Gremium ${m.bodyId}`),
        subjectPersonId: person.id,
        bodyId: m.bodyId,
        changes: auditChanges(MEMBERSHIP_AUDIT_LABELS, before, membershipAuditValues({ ...m, endDate }, m.onBehalfOf?.name ?? null)),
      });
    }
  }
}
