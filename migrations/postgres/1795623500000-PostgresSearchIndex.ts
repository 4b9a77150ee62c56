import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL's counterpart of the SQLite FTS5 table: a GIN index over the same expression the
 * search query uses (src/search/search-engines.ts, PG_SEARCH_VECTOR), over the already folded text.
 */
export class PostgresSearchIndex1795623500000 implements MigrationInterface {
  name = 'PostgresSearchIndex1795623500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_search_documents_vector" ON "search_documents" USING GIN ((setweight(to_tsvector('simple'::regconfig, name_folded), 'A') || setweight(to_tsvector('simple'::regconfig, content_folded), 'D')))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_search_documents_vector"`);
  }
}
