import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite FTS5 index over search_documents (external content), kept in step by triggers.
 * The app writes already-folded text into search_documents; unicode61 with remove_diacritics 2
 * folds once more as a safety net.
 */
export class SearchFullText1795618800000 implements MigrationInterface {
  name = 'SearchFullText1795618800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "search_fts" USING fts5(name_folded, content_folded, content='search_documents', content_rowid='id', tokenize="unicode61 remove_diacritics 2", prefix='2 3 4')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "search_documents_ai" AFTER INSERT ON "search_documents" BEGIN
         INSERT INTO search_fts(rowid, name_folded, content_folded) VALUES (new.id, new.name_folded, new.content_folded);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "search_documents_ad" AFTER DELETE ON "search_documents" BEGIN
         INSERT INTO search_fts(search_fts, rowid, name_folded, content_folded) VALUES ('delete', old.id, old.name_folded, old.content_folded);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "search_documents_au" AFTER UPDATE ON "search_documents" BEGIN
         INSERT INTO search_fts(search_fts, rowid, name_folded, content_folded) VALUES ('delete', old.id, old.name_folded, old.content_folded);
         INSERT INTO search_fts(rowid, name_folded, content_folded) VALUES (new.id, new.name_folded, new.content_folded);
       END`,
    );
    await queryRunner.query(`INSERT INTO search_fts(search_fts) VALUES ('rebuild')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "search_documents_au"`);
    await queryRunner.query(`DROP TRIGGER "search_documents_ad"`);
    await queryRunner.query(`DROP TRIGGER "search_documents_ai"`);
    await queryRunner.query(`DROP TABLE "search_fts"`);
  }
}
