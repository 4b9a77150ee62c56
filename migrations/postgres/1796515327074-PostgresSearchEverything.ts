import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One search over the whole network (issue 17), PostgreSQL's side (see migrations/sqlite
 * SearchEverything): audience, body, meeting, day, link and long text; GIN indexes over the folded
 * long text ('simple', as the names) and the text as written ('german': inflected forms find each
 * other), and a pg_trgm GIN index over names and short text for words inside German compounds.
 * The expressions are the ones in src/search/search-engines.ts.
 */
export class PostgresSearchEverything1796515327074 implements MigrationInterface {
  name = 'PostgresSearchEverything1796515327074';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "search_documents" ADD "audience" character varying(10) NOT NULL DEFAULT 'public'`);
    await queryRunner.query(`ALTER TABLE "search_documents" ADD "body_id" integer`);
    await queryRunner.query(`ALTER TABLE "search_documents" ADD "meeting_id" integer`);
    await queryRunner.query(`ALTER TABLE "search_documents" ADD "day" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "search_documents" ADD "path" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "search_documents" ADD "text" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "search_documents" ADD "text_folded" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_body" ON "search_documents"  ("body_id") `);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_meeting" ON "search_documents"  ("meeting_id") `);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_day" ON "search_documents"  ("day") `);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_audience" ON "search_documents"  ("audience", "kind") `);
    await queryRunner.query(
      `UPDATE "search_documents" d SET "body_id" = d."ref_id", "audience" = CASE WHEN b."is_public" THEN 'public' ELSE 'members' END FROM "bodies" b WHERE d."kind" = 'body' AND b."id" = d."ref_id"`,
    );
    await queryRunner.query(`CREATE INDEX "idx_search_documents_text_vector" ON "search_documents" USING GIN (to_tsvector('simple'::regconfig, text_folded))`);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_text_german" ON "search_documents" USING GIN (to_tsvector('german'::regconfig, text))`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_trigram" ON "search_documents" USING GIN ((name_folded || ' ' || content_folded) gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_search_documents_trigram"`);
    await queryRunner.query(`DROP INDEX "public"."idx_search_documents_text_german"`);
    await queryRunner.query(`DROP INDEX "public"."idx_search_documents_text_vector"`);
    await queryRunner.query(`DELETE FROM "search_documents" WHERE "kind" NOT IN ('person', 'organisation', 'body')`);
    await queryRunner.query(`DROP INDEX "public"."idx_search_documents_audience"`);
    await queryRunner.query(`DROP INDEX "public"."idx_search_documents_day"`);
    await queryRunner.query(`DROP INDEX "public"."idx_search_documents_meeting"`);
    await queryRunner.query(`DROP INDEX "public"."idx_search_documents_body"`);
    for (const column of ['text_folded', 'text', 'path', 'day', 'meeting_id', 'body_id', 'audience']) {
      await queryRunner.query(`ALTER TABLE "search_documents" DROP COLUMN "${column}"`);
    }
  }
}
