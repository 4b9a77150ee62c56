import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Meeting documents (src/documents): content-addressed blobs (document_blobs + their bytes in
 * document_blob_bytes, which no entity maps: TypeORM has no binary type common to both engines),
 * documents of a meeting and their versions.
 */
export class MeetingDocuments1796515370030 implements MigrationInterface {
    name = 'MeetingDocuments1796515370030'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "document_blobs" ("sha256" varchar(64) PRIMARY KEY NOT NULL, "size" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE TABLE "document_blob_bytes" ("sha256" varchar(64) PRIMARY KEY NOT NULL, "bytes" blob NOT NULL)`);
        await queryRunner.query(`CREATE TABLE "meeting_documents" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "agenda_item_id" integer, "title" varchar(200) NOT NULL, "description" text, "visibility" varchar(10) NOT NULL DEFAULT ('members'), "created_by_account_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_71ce465252b5177f3a8734a66de" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_dfc7a96833a5b8908c103596d7f" FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_c0ee57b83a67e4591bd2f8f4963" FOREIGN KEY ("created_by_account_id") REFERENCES "accounts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_meeting_documents_meeting" ON "meeting_documents" ("meeting_id") `);
        await queryRunner.query(`CREATE INDEX "idx_meeting_documents_agenda_item" ON "meeting_documents" ("agenda_item_id") `);
        await queryRunner.query(`CREATE TABLE "document_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "document_id" integer NOT NULL, "blob_sha256" varchar(64) NOT NULL, "file_name" varchar(255) NOT NULL, "mime_type" varchar(120) NOT NULL, "size" integer NOT NULL, "uploaded_by_account_id" integer, "uploaded_at" datetime NOT NULL DEFAULT (datetime('now')), "extracted_text" text, "extraction_state" varchar(10) NOT NULL DEFAULT ('pending'), CONSTRAINT "FK_ac75577bca976d6d581b0f459b6" FOREIGN KEY ("document_id") REFERENCES "meeting_documents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_f816b8701142d989b086a6d9ee5" FOREIGN KEY ("blob_sha256") REFERENCES "document_blobs" ("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6f4eeaa52277d67c5b4972ba566" FOREIGN KEY ("uploaded_by_account_id") REFERENCES "accounts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_document_versions_document" ON "document_versions" ("document_id") `);
        await queryRunner.query(`CREATE INDEX "idx_document_versions_blob" ON "document_versions" ("blob_sha256") `);
        await queryRunner.query(`CREATE INDEX "idx_document_versions_extraction" ON "document_versions" ("extraction_state") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_document_versions_extraction"`);
        await queryRunner.query(`DROP INDEX "idx_document_versions_blob"`);
        await queryRunner.query(`DROP INDEX "idx_document_versions_document"`);
        await queryRunner.query(`DROP TABLE "document_versions"`);
        await queryRunner.query(`DROP INDEX "idx_meeting_documents_agenda_item"`);
        await queryRunner.query(`DROP INDEX "idx_meeting_documents_meeting"`);
        await queryRunner.query(`DROP TABLE "meeting_documents"`);
        await queryRunner.query(`DROP TABLE "document_blob_bytes"`);
        await queryRunner.query(`DROP TABLE "document_blobs"`);
    }
}
