import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A GIN index over the folded names alone: the name tiers of the search (whole name, name prefix)
 * query it directly, where the weighted whole-document index would have to recheck every document
 * that mentions the word anywhere (src/search/search-engines.ts, PG_NAME_VECTOR).
 */
export class PostgresSearchNameIndex1796493000000 implements MigrationInterface {
  name = 'PostgresSearchNameIndex1796493000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_search_documents_name_vector" ON "search_documents" USING GIN (to_tsvector('simple'::regconfig, name_folded))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_search_documents_name_vector"`);
  }
}
