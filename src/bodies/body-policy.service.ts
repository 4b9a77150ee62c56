import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { assertMember } from '../auth/access.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { forbidden } from '../common/errors/user-facing.js';
import { columnHydrator } from '../database/raw-read.js';
import { Person, type Visibility } from '../people/person.entity.js';
import { Body } from './body.entity.js';
import { currentMembershipSql } from './current-membership.js';
import { Membership, type MembershipRole } from './membership.entity.js';

/** Roles that may manage a body's meetings, agenda, attendance, minutes and action items. */
export const MANAGING_ROLES: readonly MembershipRole[] = ['chair', 'deputy_chair', 'secretary'];

/** Roles that chair a body's meetings, in order of precedence (the chair, else the deputy). */
export const CHAIR_ROLES: readonly MembershipRole[] = ['chair', 'deputy_chair'];

/** A body's chair as calendar events name it (ORGANIZER): the name, whether the e-mail is published, the e-mails in order. */
export interface ChairContact {
  bodyId: number;
  academicTitle: string | null;
  givenName: string;
  familyName: string;
  emailVisibility: Visibility;
  consentAt: Date | null;
  emails: { email: string; position: number }[];
}

/**
 * Per-body policy, once: who currently sits on a body, who chairs it and who may manage it. "Current"
 * is the one rule of current-membership.ts (started and not ended, Berlin days inclusive); members
 * removed from the directory hold no current membership. Rights come from CURRENT memberships of the
 * viewer's person in that body with a managing role — never from a global flag. Administrators may
 * manage every body. Provided globally (BodyPolicyModule) for every module that edits body data.
 */
@Injectable()
export class BodyPolicyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canManageBody(viewer: Viewer, bodyId: number, now = new Date()): Promise<boolean> {
    if (viewer.kind !== 'member') return false;
    if (viewer.isAdmin) return true;
    if (viewer.personId === null) return false;
    return this.managingMemberships(viewer.personId, now)
      .andWhere('m.body_id = :bodyId', { bodyId })
      .getExists();
  }

  /**
   * canManageBody decided from the body's current memberships the caller has already read (the body
   * page): the same rule without a query — administrators, or a current membership of the viewer's
   * person with a managing role. `current` must hold the body's current memberships by the one rule
   * (people removed from the directory left out), as BodiesService.detail gives them.
   */
  managesAmong(viewer: Viewer, current: readonly { personId: number; role: MembershipRole }[]): boolean {
    if (viewer.kind !== 'member') return false;
    if (viewer.isAdmin) return true;
    const personId = viewer.personId;
    return personId !== null && current.some((m) => m.personId === personId && MANAGING_ROLES.includes(m.role));
  }

  /** Throws: anonymous → login, member without the right → 403 page. */
  async assertCanManageBody(viewer: Viewer, bodyId: number, returnTo = '/'): Promise<void> {
    assertMember(viewer, returnTo);
    if (!(await this.canManageBody(viewer, bodyId))) {
      throw forbidden('Nur Vorsitz, stellvertretender Vorsitz und Geschäftsführung dieses Gremiums dürfen das.');
    }
  }

  /** Ids of the bodies the viewer may manage ('all' for administrators). */
  async manageableBodyIds(viewer: Viewer, now = new Date()): Promise<number[] | 'all'> {
    if (isAdmin(viewer)) return 'all';
    if (viewer.kind !== 'member' || viewer.personId === null) return [];
    const rows = await this.managingMemberships(viewer.personId, now)
      .select('DISTINCT m.body_id', 'bodyId')
      .getRawMany<{ bodyId: number }>();
    return rows.map((r) => Number(r.bodyId)).sort((a, b) => a - b);
  }

  /**
   * The chairs and deputy chairs of the bodies on `day` (YYYY-MM-DD, Berlin), with their e-mail
   * addresses: chair before deputy chair, then in the order they were entered. Pass the caller's
   * manager to read inside its transaction.
   */
  currentChairs(bodyIds: readonly number[], day: string, manager: EntityManager = this.dataSource.manager): Promise<Membership[]> {
    if (bodyIds.length === 0) return Promise.resolve([]);
    return this.chairMemberships(manager, bodyIds, day)
      .innerJoinAndSelect('m.person', 'person')
      .leftJoinAndSelect('person.emails', 'emails')
      .addOrderBy('emails.position', 'ASC')
      .getMany();
  }

  /**
   * Per body its first chair by currentChairs' order (the chair, else the deputy chair), as plain rows
   * with the e-mails in order — one statement, no entities (the calendar feeds' ORGANIZER).
   */
  async currentChairContacts(bodyIds: readonly number[], day: string): Promise<Map<number, ChairContact>> {
    const result = new Map<number, ChairContact>();
    if (bodyIds.length === 0) return result;
    const rows = await this.chairMemberships(this.dataSource.manager, bodyIds, day)
      .innerJoin('m.person', 'person')
      .leftJoin('person.emails', 'emails')
      .select('m.body_id', 'body_id')
      .addSelect('m.id', 'membership_id')
      .addSelect('person.academic_title', 'academic_title')
      .addSelect('person.given_name', 'given_name')
      .addSelect('person.family_name', 'family_name')
      .addSelect('person.email_visibility', 'email_visibility')
      .addSelect('person.consent_at', 'consent_at')
      .addSelect('emails.email', 'email')
      .addSelect('emails.position', 'email_position')
      .addOrderBy('emails.position', 'ASC')
      .getRawMany<{
        body_id: number;
        membership_id: number;
        academic_title: string | null;
        given_name: string;
        family_name: string;
        email_visibility: Visibility;
        consent_at: unknown;
        email: string | null;
        email_position: number | null;
      }>();
    const consentAt = columnHydrator(this.dataSource, Person, 'consentAt');
    const chairOf = new Map<number, number>();
    for (const r of rows) {
      const bodyId = Number(r.body_id);
      const membershipId = Number(r.membership_id);
      if (!chairOf.has(bodyId)) {
        chairOf.set(bodyId, membershipId);
        result.set(bodyId, {
          bodyId,
          academicTitle: r.academic_title,
          givenName: r.given_name,
          familyName: r.family_name,
          emailVisibility: r.email_visibility,
          consentAt: consentAt(r.consent_at) as Date | null,
          emails: [],
        });
      }
      if (chairOf.get(bodyId) === membershipId && r.email !== null) result.get(bodyId)?.emails.push({ email: r.email, position: Number(r.email_position) });
    }
    return result;
  }

  /** The bodies' current chairs and deputy chairs, chair before deputy chair, then in the order they were entered. */
  private chairMemberships(manager: EntityManager, bodyIds: readonly number[], day: string): SelectQueryBuilder<Membership> {
    return this.currentMemberships(manager, day)
      .andWhere('m.body_id IN (:...bodyIds)', { bodyIds: [...bodyIds] })
      .andWhere('m.role IN (:...chairRoles)', { chairRoles: [...CHAIR_ROLES] })
      .orderBy('m.role', 'ASC') // 'chair' < 'deputy_chair'
      .addOrderBy('m.id', 'ASC');
  }

  /** The body's chair on `day` (else its deputy chair), with e-mail addresses; null when it has neither. */
  async currentChair(bodyId: number, day: string, manager?: EntityManager): Promise<Person | null> {
    const [first] = await this.currentChairs([bodyId], day, manager);
    return first?.person ?? null;
  }

  /** Ids of the people currently sitting on the body (any role), each once. */
  async currentMemberIds(bodyId: number, day: string = todayInBerlin()): Promise<number[]> {
    const rows = await this.currentMemberships(this.dataSource.manager, day)
      .andWhere('m.body_id = :bodyId', { bodyId })
      .select('DISTINCT m.person_id', 'personId')
      .getRawMany<{ personId: number }>();
    return rows.map((r) => Number(r.personId)).sort((a, b) => a - b);
  }

  private managingMemberships(personId: number, now: Date): SelectQueryBuilder<Membership> {
    return this.currentMemberships(this.dataSource.manager, todayInBerlin(now))
      .innerJoin(Body, 'b', 'b.id = m.body_id AND b.deleted_at IS NULL')
      .andWhere('m.person_id = :personId', { personId })
      .andWhere('m.role IN (:...roles)', { roles: [...MANAGING_ROLES] });
  }

  /** Current memberships (the one rule) of people still in the directory, aliased `m`. */
  private currentMemberships(manager: EntityManager, day: string): SelectQueryBuilder<Membership> {
    return manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where(currentMembershipSql('m', 'policyDay'), { policyDay: day })
      .andWhere('EXISTS (SELECT 1 FROM people p WHERE p.id = m.person_id AND p.deleted_at IS NULL)');
  }
}
