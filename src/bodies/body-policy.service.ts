import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { assertMember } from '../auth/access.js';
import { isAdmin, type Viewer } from '../auth/viewer.js';
import { todayInBerlin } from '../common/dates.js';
import { forbidden } from '../common/errors/user-facing.js';
import type { Person } from '../people/person.entity.js';
import { Body } from './body.entity.js';
import { currentMembershipSql } from './current-membership.js';
import { Membership, type MembershipRole } from './membership.entity.js';

/** Roles that may manage a body's meetings, agenda, attendance, minutes and action items. */
export const MANAGING_ROLES: readonly MembershipRole[] = ['chair', 'deputy_chair', 'secretary'];

/** Roles that chair a body's meetings, in order of precedence (the chair, else the deputy). */
export const CHAIR_ROLES: readonly MembershipRole[] = ['chair', 'deputy_chair'];

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
    return this.currentMemberships(manager, day)
      .innerJoinAndSelect('m.person', 'person')
      .leftJoinAndSelect('person.emails', 'emails')
      .andWhere('m.body_id IN (:...bodyIds)', { bodyIds: [...bodyIds] })
      .andWhere('m.role IN (:...chairRoles)', { chairRoles: [...CHAIR_ROLES] })
      .orderBy('m.role', 'ASC') // 'chair' < 'deputy_chair'
      .addOrderBy('m.id', 'ASC')
      .addOrderBy('emails.position', 'ASC')
      .getMany();
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
