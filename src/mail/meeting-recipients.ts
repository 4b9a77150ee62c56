import type { EntityManager } from 'typeorm';
import { currentMembershipSql } from '../bodies/current-membership.js';
import { Membership } from '../bodies/membership.entity.js';
import { Person } from '../people/person.entity.js';
import { OutboxMail } from './outbox-mail.entity.js';

/**
 * Reads for meeting mails, run with the caller's EntityManager so they see the change being made in
 * the same transaction (e.g. the new time of a postponed meeting).
 */

/** Current members of a body on a Berlin day (YYYY-MM-DD), one per person, with their emails; deleted people left out. */
export async function currentMembers(manager: EntityManager, bodyId: number, day: string): Promise<Person[]> {
  const memberships = await manager
    .getRepository(Membership)
    .createQueryBuilder('ms')
    .innerJoinAndSelect('ms.person', 'person')
    .leftJoinAndSelect('person.emails', 'emails')
    .where('ms.bodyId = :bodyId', { bodyId })
    .andWhere(currentMembershipSql('ms', 'day'), { day })
    .andWhere('person.deletedAt IS NULL')
    .orderBy('person.sortKey', 'ASC')
    .addOrderBy('ms.id', 'ASC')
    .getMany();
  const byId = new Map<number, Person>();
  for (const m of memberships) if (!byId.has(m.personId)) byId.set(m.personId, m.person);
  return [...byId.values()];
}

/** People who were sent an invitation or update for the meeting (their calendars hold it). */
export async function previousMeetingRecipientIds(manager: EntityManager, meetingId: number): Promise<number[]> {
  const rows = await manager
    .getRepository(OutboxMail)
    .createQueryBuilder('o')
    .select('DISTINCT o.personId', 'personId')
    .where('o.meetingId = :meetingId', { meetingId })
    .andWhere('o.kind IN (:...kinds)', { kinds: ['invitation', 'update'] })
    .andWhere('o.personId IS NOT NULL')
    .getRawMany<{ personId: number }>();
  return rows.map((r) => Number(r.personId));
}

/** People (not deleted) with their emails, by id. */
export async function peopleWithEmails(manager: EntityManager, ids: number[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  return manager
    .getRepository(Person)
    .createQueryBuilder('person')
    .leftJoinAndSelect('person.emails', 'emails')
    .where('person.id IN (:...ids)', { ids })
    .andWhere('person.deletedAt IS NULL')
    .orderBy('person.sortKey', 'ASC')
    .getMany();
}

/** The first email address of a person (by position), or null. */
export function firstEmail(person: Pick<Person, 'emails'>): string | null {
  const sorted = [...(person.emails ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
  const email = sorted.find((e) => e.email.trim() !== '')?.email.trim() ?? null;
  return email;
}
