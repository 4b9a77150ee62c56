import type { MigrationInterface, QueryRunner } from "typeorm";

export class DirectoryEditing1795620869264 implements MigrationInterface {
    name = 'DirectoryEditing1795620869264'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_entries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "created_at" datetime NOT NULL, "account_id" integer, "actor_name" varchar(254) NOT NULL, "action" varchar(20) NOT NULL, "entity_type" varchar(30) NOT NULL, "entity_id" integer, "label" varchar(300) NOT NULL, "subject_person_id" integer, "changes" text NOT NULL, "search_text" text NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "idx_audit_entries_created_at" ON "audit_entries" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entries_account" ON "audit_entries" ("account_id") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entries_subject_person" ON "audit_entries" ("subject_person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entries_entity" ON "audit_entries" ("entity_type", "entity_id") `);
        await queryRunner.query(`CREATE TABLE "import_drafts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token" varchar(64) NOT NULL, "account_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "file_name" varchar(200) NOT NULL, "content" text NOT NULL, "fingerprint" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_import_drafts_token" ON "import_drafts" ("token") `);
        await queryRunner.query(`CREATE INDEX "idx_import_drafts_account" ON "import_drafts" ("account_id") `);
        await queryRunner.query(`DROP INDEX "uq_import_drafts_token"`);
        await queryRunner.query(`DROP INDEX "idx_import_drafts_account"`);
        await queryRunner.query(`CREATE TABLE "temporary_import_drafts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token" varchar(64) NOT NULL, "account_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "file_name" varchar(200) NOT NULL, "content" text NOT NULL, "fingerprint" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, CONSTRAINT "FK_9c00f4eff89c49e629f6d733112" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_import_drafts"("id", "token", "account_id", "kind", "file_name", "content", "fingerprint", "created_at", "expires_at") SELECT "id", "token", "account_id", "kind", "file_name", "content", "fingerprint", "created_at", "expires_at" FROM "import_drafts"`);
        await queryRunner.query(`DROP TABLE "import_drafts"`);
        await queryRunner.query(`ALTER TABLE "temporary_import_drafts" RENAME TO "import_drafts"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_import_drafts_token" ON "import_drafts" ("token") `);
        await queryRunner.query(`CREATE INDEX "idx_import_drafts_account" ON "import_drafts" ("account_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_import_drafts_account"`);
        await queryRunner.query(`DROP INDEX "uq_import_drafts_token"`);
        await queryRunner.query(`ALTER TABLE "import_drafts" RENAME TO "temporary_import_drafts"`);
        await queryRunner.query(`CREATE TABLE "import_drafts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token" varchar(64) NOT NULL, "account_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "file_name" varchar(200) NOT NULL, "content" text NOT NULL, "fingerprint" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL)`);
        await queryRunner.query(`INSERT INTO "import_drafts"("id", "token", "account_id", "kind", "file_name", "content", "fingerprint", "created_at", "expires_at") SELECT "id", "token", "account_id", "kind", "file_name", "content", "fingerprint", "created_at", "expires_at" FROM "temporary_import_drafts"`);
        await queryRunner.query(`DROP TABLE "temporary_import_drafts"`);
        await queryRunner.query(`CREATE INDEX "idx_import_drafts_account" ON "import_drafts" ("account_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_import_drafts_token" ON "import_drafts" ("token") `);
        await queryRunner.query(`DROP INDEX "idx_import_drafts_account"`);
        await queryRunner.query(`DROP INDEX "uq_import_drafts_token"`);
        await queryRunner.query(`DROP TABLE "import_drafts"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entries_entity"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entries_subject_person"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entries_account"`);
        await queryRunner.query(`DROP INDEX "idx_audit_entries_created_at"`);
        await queryRunner.query(`DROP TABLE "audit_entries"`);
    }

}
