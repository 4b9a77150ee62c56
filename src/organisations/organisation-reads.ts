import type { EntityManager } from 'typeorm';
import { rawRows } from '../database/raw-read.js';
import type { Organisation, OrganisationKind } from './organisation.entity.js';

/** What a list of organisations shows of one (the entity fits as well). */
export type OrganisationListing = Pick<Organisation, 'id' | 'name' | 'shortName' | 'kind' | 'locality'> & {
  parent?: { name: string } | null;
  topics?: readonly { topic: { name: string } }[];
};

/** What an organisation's page shows of it. */
export type OrganisationFacts = OrganisationListing &
  Pick<Organisation, 'parentId' | 'street' | 'postalCode' | 'phone' | 'fax' | 'email' | 'website' | 'description'>;

interface OrganisationRow {
  part: 'organisation' | 'child' | 'topic';
  id: number | null;
  name: string;
  short_name: string | null;
  kind: OrganisationKind | null;
  locality: string | null;
  parent_id: number | null;
  parent_name: string | null;
  street: string | null;
  postal_code: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
}

/**
 * An organisation (not removed) with its parent's name, its topics and its units (removed ones left
 * out, by name), in ONE statement (issue 22); null when there is no such organisation.
 */
export async function readOrganisationPage(manager: EntityManager, id: number): Promise<{ organisation: OrganisationFacts; children: OrganisationListing[] } | null> {
  const rows = await rawRows<OrganisationRow>(
    manager,
    `SELECT 'organisation' AS part, o.id, o.name, o.short_name, o.kind, o.locality, o.parent_id, op.name AS parent_name,
            o.street, o.postal_code, o.phone, o.fax, o.email, o.website, o.description
       FROM organisations o
       LEFT JOIN organisations op ON op.id = o.parent_id AND op.deleted_at IS NULL
      WHERE o.id = :id AND o.deleted_at IS NULL
     UNION ALL
     SELECT 'child', c.id, c.name, c.short_name, c.kind, c.locality, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
       FROM organisations c WHERE c.parent_id = :id AND c.deleted_at IS NULL
     UNION ALL
     SELECT 'topic', NULL, t.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
       FROM organisation_topics ot JOIN topics t ON t.id = ot.topic_id WHERE ot.organisation_id = :id
     ORDER BY part, name, id`,
    { id },
  );
  const own = rows.find((r) => r.part === 'organisation');
  if (!own) return null;
  const organisation: OrganisationFacts = {
    id: Number(own.id),
    name: own.name,
    shortName: own.short_name,
    kind: own.kind as OrganisationKind,
    locality: own.locality,
    parentId: own.parent_id === null ? null : Number(own.parent_id),
    parent: own.parent_name === null ? null : { name: own.parent_name },
    street: own.street,
    postalCode: own.postal_code,
    phone: own.phone,
    fax: own.fax,
    email: own.email,
    website: own.website,
    description: own.description,
    topics: rows.filter((r) => r.part === 'topic').map((r) => ({ topic: { name: r.name } })),
  };
  const children = rows
    .filter((r) => r.part === 'child')
    .map((r): OrganisationListing => ({ id: Number(r.id), name: r.name, shortName: r.short_name, kind: r.kind as OrganisationKind, locality: r.locality }));
  return { organisation, children };
}
