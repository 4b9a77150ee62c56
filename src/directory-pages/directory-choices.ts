import type { EntityManager } from 'typeorm';
import type { Viewer } from '../auth/viewer.js';
import { visibleBodySql } from '../bodies/body-visibility.js';
import { rawRows } from '../database/raw-read.js';
import type { DirectoryChoices } from '../people/people.service.js';

/** Every filter choice of the directory page, for the bodies those the viewer may see. */
export interface DirectoryPageChoices extends DirectoryChoices {
  bodies: { id: number; name: string }[];
}

/**
 * The directory's filter choices — bodies the viewer may see, organisations, spoken languages,
 * topics — in ONE statement (issue 22); each list by name (languages are ordered by their German
 * label afterwards). Removed bodies, organisations and people are left out.
 */
export async function readDirectoryChoices(manager: EntityManager, viewer: Viewer): Promise<DirectoryPageChoices> {
  const rows = await rawRows<{ kind: 'body' | 'organisation' | 'language' | 'topic'; id: number | null; name: string }>(
    manager,
    `SELECT 'body' AS kind, b.id AS id, b.name AS name FROM bodies b WHERE b.deleted_at IS NULL AND ${visibleBodySql('b', viewer)}
     UNION ALL
     SELECT 'organisation', o.id, o.name FROM organisations o WHERE o.deleted_at IS NULL
     UNION ALL
     SELECT 'language', NULL, l.code FROM (SELECT DISTINCT pl.code FROM person_languages pl JOIN people p ON p.id = pl.person_id AND p.deleted_at IS NULL) l
     UNION ALL
     SELECT 'topic', t.id, t.name FROM topics t
     ORDER BY kind, name, id`,
  );
  const choices: DirectoryPageChoices = { bodies: [], organisations: [], languageCodes: [], topics: [] };
  for (const r of rows) {
    if (r.kind === 'language') choices.languageCodes.push(r.name);
    else if (r.kind === 'body') choices.bodies.push({ id: Number(r.id), name: r.name });
    else if (r.kind === 'organisation') choices.organisations.push({ id: Number(r.id), name: r.name });
    else choices.topics.push({ id: Number(r.id), name: r.name });
  }
  return choices;
}
