import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { Membership, type MembershipRole } from '../bodies/membership.entity.js';
import { todayInBerlin } from '../common/dates.js';
import { forbidden } from '../common/errors/user-facing.js';
import { Person } from '../people/person.entity.js';
import { assertMember } from './access.js';
import { isAdmin, type Viewer } from './viewer.js';

/** Roles that may manage a body's meetings, agenda, attendance, minutes and action items. */
export const MANAGING_ROLES: readonly MembershipRole[] = ['chair', 'deputy_chair', 'secretary'];

/**
 * Who may manage which body. Rights come from CURRENT memberships of the viewer's person in that body
 * with a managing role (started — no start date or on/before today — and not ended — no end date or
 * on/after today, in Europe/Berlin) — never from a global flag. Administrators may manage every body.
 * Exported by AuthModule for every module that edits body data.
 */
@Injectable()
export class BodyPermissionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async canManageBody(viewer: Viewer, bodyId: number, now = new Date()): Promise<boolean> {
    if (viewer.kind !== 'member') return false;
    if (viewer.isAdmin) return true;
    if (viewer.personId === null) return false;
    return this.managingMemberships(viewer.personId, now)
      .andWhere('m.body_id = :bodyId', { bodyId })
      .getExists();
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

  private managingMemberships(personId: number, now: Date) {
    const today = todayInBerlin(now);
    return this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(Body, 'b', 'b.id = m.body_id AND b.deleted_at IS NULL')
      .innerJoin(Person, 'p', 'p.id = m.person_id AND p.deleted_at IS NULL')
      .where('m.person_id = :personId', { personId })
      .andWhere('m.role IN (:...roles)', { roles: [...MANAGING_ROLES] })
      .andWhere('(m.start_date IS NULL OR m.start_date <= :today)', { today })
      .andWhere('(m.end_date IS NULL OR m.end_date >= :today)', { today });
  }
}
