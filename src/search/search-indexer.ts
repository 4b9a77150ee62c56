import { Injectable } from '@nestjs/common';
import { type EntityManager, MoreThan } from 'typeorm';
import { Body } from '../bodies/body.entity.js';
import { BODY_KIND_LABELS } from '../bodies/body-labels.js';
import { ORGANISATION_KIND_LABELS } from '../organisations/organisation-labels.js';
import { languageLabel } from '../people/person-labels.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { personDisplayName } from '../people/person-name.js';
import { Person } from '../people/person.entity.js';
import { SearchDocument, type SearchKind } from './search-document.entity.js';
import { contentVariants, nameVariants } from './search-text.js';

const REBUILD_BATCH = 1000;

type DocumentFields = Pick<SearchDocument, 'title' | 'subtitle' | 'nameFolded' | 'contentFolded'>;

function fold(parts: (string | null | undefined)[], variants: (text: string) => string[]): string {
  return [...new Set(parts.filter((p): p is string => !!p).flatMap(variants))].join(' ');
}

/** Names in every spelling they are searched by (umlauts both ways, Arabic/Persian letter forms). */
function foldNames(parts: (string | null | undefined)[]): string {
  return fold(parts, nameVariants);
}

function foldContent(parts: (string | null | undefined)[]): string {
  return fold(parts, contentVariants);
}

/** The name forms a person is searched and ranked by: "given family" and "family given". */
export function personNameForms(p: Pick<Person, 'givenName' | 'familyName'>): string[] {
  return [`${p.givenName} ${p.familyName}`, `${p.familyName} ${p.givenName}`, p.familyName];
}

/**
 * Keeps search_documents in step with people, organisations and bodies. Only names and
 * non-contact text are indexed: contact details never enter the index, so visibility rules
 * cannot leak through search. Callers pass the EntityManager of their write transaction.
 */
@Injectable()
export class SearchIndexer {
  async reindex(manager: EntityManager, kind: SearchKind, refId: number): Promise<void> {
    const fields = await this.documentFor(manager, kind, refId);
    const repo = manager.getRepository(SearchDocument);
    if (!fields) {
      await repo.delete({ kind, refId });
      return;
    }
    const existing = await repo.findOne({ where: { kind, refId } });
    await repo.save(existing ? Object.assign(existing, fields) : repo.create({ kind, refId, ...fields }));
  }

  /** Rebuilds the whole index, a thousand records at a time (memory stays flat however large the directory). */
  async rebuildAll(manager: EntityManager): Promise<void> {
    const docs = manager.getRepository(SearchDocument);
    await docs.clear();
    const batches = async <T extends { id: number }>(load: (afterId: number) => Promise<T[]>, fields: (record: T) => Partial<SearchDocument>): Promise<void> => {
      for (let afterId = 0; ; ) {
        const records = await load(afterId);
        if (records.length === 0) return;
        for (let i = 0; i < records.length; i += 500) await docs.insert(records.slice(i, i + 500).map(fields));
        afterId = records[records.length - 1].id;
      }
    };
    const page = { order: { id: 'ASC' }, take: REBUILD_BATCH } as const;
    await batches(
      (afterId) => manager.getRepository(Person).find({ ...page, where: { id: MoreThan(afterId) }, relations: { organisation: true, languages: true } }),
      (p) => ({ kind: 'person', refId: p.id, ...this.personFields(p) }),
    );
    await batches(
      (afterId) => manager.getRepository(Organisation).find({ ...page, where: { id: MoreThan(afterId) }, relations: { parent: true } }),
      (o) => ({ kind: 'organisation', refId: o.id, ...this.organisationFields(o) }),
    );
    await batches(
      (afterId) => manager.getRepository(Body).find({ ...page, where: { id: MoreThan(afterId) } }),
      (b) => ({ kind: 'body', refId: b.id, ...this.bodyFields(b) }),
    );
  }

  /**
   * Indexes the people, organisations and bodies that have no search document yet (records a seed
   * has just added), leaving the rest of the index alone: a new seed set on a large directory costs
   * what it adds, not a rebuild of everything.
   */
  async indexMissing(manager: EntityManager): Promise<number> {
    const missing = async (entity: typeof Person | typeof Organisation | typeof Body, kind: SearchKind, alias: string): Promise<number[]> => {
      const rows = await manager
        .getRepository<{ id: number }>(entity)
        .createQueryBuilder(alias)
        .select(`${alias}.id`, 'id')
        .where(`NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.kind = :kind AND d.ref_id = ${alias}.id)`, { kind })
        .getRawMany<{ id: number }>();
      return rows.map((r) => Number(r.id));
    };
    const work: [SearchKind, number[]][] = [
      ['person', await missing(Person, 'person', 'p')],
      ['organisation', await missing(Organisation, 'organisation', 'o')],
      ['body', await missing(Body, 'body', 'b')],
    ];
    let count = 0;
    for (const [kind, ids] of work) {
      for (const id of ids) await this.reindex(manager, kind, id);
      count += ids.length;
    }
    return count;
  }

  private async documentFor(manager: EntityManager, kind: SearchKind, id: number): Promise<DocumentFields | null> {
    switch (kind) {
      case 'person': {
        const p = await manager.getRepository(Person).findOne({ where: { id }, relations: { organisation: true, languages: true } });
        return p ? this.personFields(p) : null;
      }
      case 'organisation': {
        const o = await manager.getRepository(Organisation).findOne({ where: { id }, relations: { parent: true } });
        return o ? this.organisationFields(o) : null;
      }
      case 'body': {
        const b = await manager.getRepository(Body).findOne({ where: { id } });
        return b ? this.bodyFields(b) : null;
      }
    }
  }

  private personFields(p: Person): DocumentFields {
    return {
      title: personDisplayName(p),
      subtitle: [p.functionTitle, p.organisation?.name].filter(Boolean).join(' · ') || null,
      nameFolded: foldNames(personNameForms(p)),
      contentFolded: foldContent([
        p.functionTitle,
        p.organisation?.name,
        p.organisation?.shortName,
        ...(p.languages ?? []).map((l) => languageLabel(l.code)),
      ]),
    };
  }

  private organisationFields(o: Organisation): DocumentFields {
    return {
      title: o.shortName ? `${o.name} (${o.shortName})` : o.name,
      subtitle: [ORGANISATION_KIND_LABELS[o.kind], o.locality].filter(Boolean).join(' · ') || null,
      nameFolded: foldNames([o.name, o.shortName]),
      contentFolded: foldContent([ORGANISATION_KIND_LABELS[o.kind], o.locality, o.parent?.name, o.description?.slice(0, 2000)]),
    };
  }

  private bodyFields(b: Body): DocumentFields {
    return {
      title: b.name,
      subtitle: BODY_KIND_LABELS[b.kind],
      nameFolded: foldNames([b.name, b.shortName, b.code]),
      contentFolded: foldContent([BODY_KIND_LABELS[b.kind], b.description?.slice(0, 2000)]),
    };
  }
}
