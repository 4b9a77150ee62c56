import type { EntityManager } from 'typeorm';
import { columnHydrator, rawRows } from '../database/raw-read.js';
import { Person } from '../people/person.entity.js';
import { Body } from './body.entity.js';
import type { Viewer } from '../auth/viewer.js';
import { visibleBodySql } from './body-visibility.js';
import { currentMembershipSql } from './current-membership.js';
import { Membership, type MembershipRole } from './membership.entity.js';

/**
 * Hand-written reads of the body page, the person page's memberships and the organisation page's
 * representations (issue 22): exactly the columns the pages show, as plain objects, one statement each.
 */

/** What a body's page and its vCard bundle show of the body itself. */
export type BodyFacts = Pick<Body, 'id' | 'name' | 'shortName' | 'kind' | 'description' | 'foundedOn' | 'foundedYearOnly' | 'isPublic'>;

/** A membership as a body's page lists it: with the person (removed ones too) and the organisations (removed ones named, not linked). */
export interface MemberListing {
  id: number;
  bodyId: number;
  personId: number;
  role: MembershipRole;
  votingRight: boolean;
  note: string | null;
  startDate: string | null;
  endDate: string | null;
  person: {
    academicTitle: string | null;
    givenName: string;
    familyName: string;
    sortKey: string;
    functionTitle: string | null;
    deletedAt: Date | null;
    organisation: { id: number; name: string; deletedAt: Date | null } | null;
  };
  onBehalfOf: { id: number; name: string; deletedAt: Date | null } | null;
}

/** A membership as a person's page lists it (bodies and organisations removed from the directory left out). */
export interface PersonMembershipListing {
  id: number;
  bodyId: number;
  body: { name: string };
  role: MembershipRole;
  note: string | null;
  startDate: string | null;
  endDate: string | null;
  onBehalfOf: { id: number; name: string } | null;
}

/** Who currently sits on which body for an organisation. */
export interface RepresentationListing {
  bodyId: number;
  body: { name: string };
  personId: number;
  person: { academicTitle: string | null; givenName: string; familyName: string };
  role: MembershipRole;
}

interface BodyMemberRow {
  b_id: number;
  b_name: string;
  b_short_name: string | null;
  b_kind: string;
  b_description: string | null;
  b_founded_on: unknown;
  b_founded_year_only: unknown;
  b_is_public: unknown;
  m_id: number | null;
  m_person_id: number;
  m_role: MembershipRole;
  m_voting_right: unknown;
  m_note: string | null;
  m_start_date: unknown;
  m_end_date: unknown;
  p_id: number | null;
  p_academic_title: string | null;
  p_given_name: string;
  p_family_name: string;
  p_sort_key: string;
  p_function_title: string | null;
  p_deleted_at: unknown;
  po_id: number | null;
  po_name: string;
  po_deleted_at: unknown;
  obo_id: number | null;
  obo_name: string;
  obo_deleted_at: unknown;
}

/**
 * A body (not removed) with every membership, current and ended, with the person (removed people
 * too) and the organisations — one statement; null when there is no such body.
 */
export async function readBodyWithMembers(manager: EntityManager, bodyId: number): Promise<{ body: BodyFacts; memberships: MemberListing[] } | null> {
  const rows = await rawRows<BodyMemberRow>(
    manager,
    `SELECT b.id AS b_id, b.name AS b_name, b.short_name AS b_short_name, b.kind AS b_kind, b.description AS b_description,
            b.founded_on AS b_founded_on, b.founded_year_only AS b_founded_year_only, b.is_public AS b_is_public,
            m.id AS m_id, m.person_id AS m_person_id, m.role AS m_role, m.voting_right AS m_voting_right, m.note AS m_note,
            m.start_date AS m_start_date, m.end_date AS m_end_date,
            p.id AS p_id, p.academic_title AS p_academic_title, p.given_name AS p_given_name, p.family_name AS p_family_name,
            p.sort_key AS p_sort_key, p.function_title AS p_function_title, p.deleted_at AS p_deleted_at,
            po.id AS po_id, po.name AS po_name, po.deleted_at AS po_deleted_at,
            obo.id AS obo_id, obo.name AS obo_name, obo.deleted_at AS obo_deleted_at
       FROM bodies b
       LEFT JOIN memberships m ON m.body_id = b.id
       LEFT JOIN people p ON p.id = m.person_id
       LEFT JOIN organisations po ON po.id = p.organisation_id
       LEFT JOIN organisations obo ON obo.id = m.on_behalf_of_id
      WHERE b.id = :bodyId AND b.deleted_at IS NULL
      ORDER BY p.sort_key ASC, m.start_date ASC, m.id ASC`,
    { bodyId },
  );
  const [first] = rows;
  if (!first) return null;
  const ds = manager.connection;
  const foundedOn = columnHydrator(ds, Body, 'foundedOn');
  const bool = columnHydrator(ds, Body, 'isPublic');
  const date = columnHydrator(ds, Membership, 'startDate');
  const deletedAt = columnHydrator(ds, Person, 'deletedAt');
  const body: BodyFacts = {
    id: Number(first.b_id),
    name: first.b_name,
    shortName: first.b_short_name,
    kind: first.b_kind as BodyFacts['kind'],
    description: first.b_description,
    foundedOn: foundedOn(first.b_founded_on) as string | null,
    foundedYearOnly: bool(first.b_founded_year_only) === true,
    isPublic: bool(first.b_is_public) === true,
  };
  const memberships = rows
    .filter((r) => r.m_id !== null && r.p_id !== null)
    .map(
      (r): MemberListing => ({
        id: Number(r.m_id),
        bodyId: body.id,
        personId: Number(r.m_person_id),
        role: r.m_role,
        votingRight: bool(r.m_voting_right) === true,
        note: r.m_note,
        startDate: date(r.m_start_date) as string | null,
        endDate: date(r.m_end_date) as string | null,
        person: {
          academicTitle: r.p_academic_title,
          givenName: r.p_given_name,
          familyName: r.p_family_name,
          sortKey: r.p_sort_key,
          functionTitle: r.p_function_title,
          deletedAt: deletedAt(r.p_deleted_at) as Date | null,
          organisation: r.po_id === null ? null : { id: Number(r.po_id), name: r.po_name, deletedAt: deletedAt(r.po_deleted_at) as Date | null },
        },
        onBehalfOf: r.obo_id === null ? null : { id: Number(r.obo_id), name: r.obo_name, deletedAt: deletedAt(r.obo_deleted_at) as Date | null },
      }),
    );
  return { body, memberships };
}

/** All memberships of a person in bodies the viewer may see, by body name — one statement. */
export async function readMembershipsOfPerson(manager: EntityManager, personId: number, viewer: Viewer): Promise<PersonMembershipListing[]> {
  const rows = await rawRows<{
    id: number;
    body_id: number;
    body_name: string;
    role: MembershipRole;
    note: string | null;
    start_date: unknown;
    end_date: unknown;
    org_id: number | null;
    org_name: string;
  }>(
    manager,
    `SELECT m.id, m.body_id, b.name AS body_name, m.role, m.note, m.start_date, m.end_date, o.id AS org_id, o.name AS org_name
       FROM memberships m
       JOIN bodies b ON b.id = m.body_id AND b.deleted_at IS NULL
       LEFT JOIN organisations o ON o.id = m.on_behalf_of_id AND o.deleted_at IS NULL
      WHERE m.person_id = :personId AND ${visibleBodySql('b', viewer)}
      ORDER BY b.name ASC, m.start_date ASC, m.id ASC`,
    { personId },
  );
  const date = columnHydrator(manager.connection, Membership, 'startDate');
  return rows.map((r) => ({
    id: Number(r.id),
    bodyId: Number(r.body_id),
    body: { name: r.body_name },
    role: r.role,
    note: r.note,
    startDate: date(r.start_date) as string | null,
    endDate: date(r.end_date) as string | null,
    onBehalfOf: r.org_id === null ? null : { id: Number(r.org_id), name: r.org_name },
  }));
}

/** Current memberships held on behalf of the organisation in bodies the viewer may see, by body and person name — one statement. */
export async function readCurrentRepresentations(manager: EntityManager, organisationId: number, today: string, viewer: Viewer): Promise<RepresentationListing[]> {
  const rows = await rawRows<{ body_id: number; body_name: string; person_id: number; academic_title: string | null; given_name: string; family_name: string; role: MembershipRole }>(
    manager,
    `SELECT m.body_id, b.name AS body_name, m.person_id, p.academic_title, p.given_name, p.family_name, m.role
       FROM memberships m
       JOIN bodies b ON b.id = m.body_id AND b.deleted_at IS NULL
       JOIN people p ON p.id = m.person_id AND p.deleted_at IS NULL
      WHERE m.on_behalf_of_id = :organisationId AND ${currentMembershipSql('m')} AND ${visibleBodySql('b', viewer)}
      ORDER BY b.name ASC, p.sort_key ASC, m.id ASC`,
    { organisationId, today },
  );
  return rows.map((r) => ({
    bodyId: Number(r.body_id),
    body: { name: r.body_name },
    personId: Number(r.person_id),
    person: { academicTitle: r.academic_title, givenName: r.given_name, familyName: r.family_name },
    role: r.role,
  }));
}
