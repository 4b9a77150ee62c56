import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_TABLE = `CREATE TABLE "search_documents" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(20) NOT NULL, "ref_id" integer NOT NULL, "title" varchar(300) NOT NULL, "subtitle" varchar(300), "name_folded" text NOT NULL, "content_folded" text NOT NULL)`;
const NEW_TABLE = `CREATE TABLE "search_documents" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(20) NOT NULL, "ref_id" integer NOT NULL, "title" varchar(300) NOT NULL, "subtitle" varchar(300), "name_folded" text NOT NULL, "content_folded" text NOT NULL, "audience" varchar(10) NOT NULL DEFAULT ('public'), "body_id" integer, "meeting_id" integer, "day" varchar(10), "path" varchar(300), "text" text NOT NULL DEFAULT (''), "text_folded" text NOT NULL DEFAULT (''))`;
const OLD_COLUMNS = `"id", "kind", "ref_id", "title", "subtitle", "name_folded", "content_folded"`;

/**
 * One search over the whole network (issue 17): search_documents gains who may see a document
 * (audience), its body, meeting and day, a link and long text; the FTS5 index gains the long text,
 * and a second FTS5 index with the trigram tokenizer finds words inside German compounds
 * ("berater" in "Migrationsberater") over names and short text. Both are kept in step by triggers.
 */
export class SearchEverything1796515327073 implements MigrationInterface {
  name = 'SearchEverything1796515327073';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.dropFullText(queryRunner, ['search_fts']);
    await queryRunner.query(`DROP INDEX "uq_search_documents_ref"`);
    await queryRunner.query(NEW_TABLE.replace('"search_documents"', '"temporary_search_documents"'));
    await queryRunner.query(`INSERT INTO "temporary_search_documents"(${OLD_COLUMNS}) SELECT ${OLD_COLUMNS} FROM "search_documents"`);
    await queryRunner.query(`DROP TABLE "search_documents"`);
    await queryRunner.query(`ALTER TABLE "temporary_search_documents" RENAME TO "search_documents"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_search_documents_ref" ON "search_documents" ("kind", "ref_id") `);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_body" ON "search_documents" ("body_id") `);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_meeting" ON "search_documents" ("meeting_id") `);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_day" ON "search_documents" ("day") `);
    await queryRunner.query(`CREATE INDEX "idx_search_documents_audience" ON "search_documents" ("audience", "kind") `);
    // Bodies so far were checked against bodies.is_public at query time; now their document says it.
    await queryRunner.query(
      `UPDATE "search_documents" SET "body_id" = "ref_id", "audience" = CASE WHEN (SELECT "b"."is_public" FROM "bodies" "b" WHERE "b"."id" = "search_documents"."ref_id") = 1 THEN 'public' ELSE 'members' END WHERE "kind" = 'body'`,
    );
    await this.createFullText(queryRunner, 'search_fts', ['name_folded', 'content_folded', 'text_folded'], `tokenize="unicode61 remove_diacritics 2", prefix='2 3 4'`, 'search_documents');
    await this.createFullText(queryRunner, 'search_trigram', ['name_folded', 'content_folded'], `tokenize="trigram remove_diacritics 1"`, 'search_documents_trigram');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.dropFullText(queryRunner, ['search_trigram', 'search_fts'], ['search_documents_trigram', 'search_documents']);
    for (const index of ['idx_search_documents_audience', 'idx_search_documents_day', 'idx_search_documents_meeting', 'idx_search_documents_body', 'uq_search_documents_ref']) {
      await queryRunner.query(`DROP INDEX "${index}"`);
    }
    await queryRunner.query(OLD_TABLE.replace('"search_documents"', '"temporary_search_documents"'));
    // Meetings and the like did not exist in the old index.
    await queryRunner.query(
      `INSERT INTO "temporary_search_documents"(${OLD_COLUMNS}) SELECT ${OLD_COLUMNS} FROM "search_documents" WHERE "kind" IN ('person', 'organisation', 'body')`,
    );
    await queryRunner.query(`DROP TABLE "search_documents"`);
    await queryRunner.query(`ALTER TABLE "temporary_search_documents" RENAME TO "search_documents"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_search_documents_ref" ON "search_documents" ("kind", "ref_id") `);
    await this.createFullText(queryRunner, 'search_fts', ['name_folded', 'content_folded'], `tokenize="unicode61 remove_diacritics 2", prefix='2 3 4'`, 'search_documents');
  }

  /** An external-content FTS5 table over search_documents and the triggers keeping it in step (named <prefix>_ai/_ad/_au). */
  private async createFullText(queryRunner: QueryRunner, table: string, columns: string[], options: string, triggerPrefix: string): Promise<void> {
    const cols = columns.join(', ');
    const news = columns.map((c) => `new.${c}`).join(', ');
    const olds = columns.map((c) => `old.${c}`).join(', ');
    await queryRunner.query(`CREATE VIRTUAL TABLE "${table}" USING fts5(${cols}, content='search_documents', content_rowid='id', ${options})`);
    await queryRunner.query(`CREATE TRIGGER "${triggerPrefix}_ai" AFTER INSERT ON "search_documents" BEGIN INSERT INTO ${table}(rowid, ${cols}) VALUES (new.id, ${news}); END`);
    await queryRunner.query(
      `CREATE TRIGGER "${triggerPrefix}_ad" AFTER DELETE ON "search_documents" BEGIN INSERT INTO ${table}(${table}, rowid, ${cols}) VALUES ('delete', old.id, ${olds}); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "${triggerPrefix}_au" AFTER UPDATE ON "search_documents" BEGIN
         INSERT INTO ${table}(${table}, rowid, ${cols}) VALUES ('delete', old.id, ${olds});
         INSERT INTO ${table}(rowid, ${cols}) VALUES (new.id, ${news});
       END`,
    );
    await queryRunner.query(`INSERT INTO ${table}(${table}) VALUES ('rebuild')`);
  }

  private async dropFullText(queryRunner: QueryRunner, tables: string[], triggerPrefixes = ['search_documents']): Promise<void> {
    for (const prefix of triggerPrefixes) {
      for (const suffix of ['au', 'ad', 'ai']) await queryRunner.query(`DROP TRIGGER "${prefix}_${suffix}"`);
    }
    for (const table of tables) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
