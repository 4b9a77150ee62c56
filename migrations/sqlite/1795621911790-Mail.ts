import type { MigrationInterface, QueryRunner } from "typeorm";

export class Mail1795621911790 implements MigrationInterface {
    name = 'Mail1795621911790'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "body_mail_settings" ("body_id" integer PRIMARY KEY NOT NULL, "reminder_days_before" integer, "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "message_id" varchar(250) NOT NULL, "kind" varchar(30) NOT NULL, "dedup_key" varchar(200), "to_address" varchar(254) NOT NULL, "to_name" varchar(200), "reply_to" varchar(254), "subject" varchar(500) NOT NULL, "text_body" text NOT NULL, "calendar_method" varchar(10), "calendar_content" text, "meeting_id" integer, "person_id" integer, "account_id" integer, "scrub_after_send" boolean NOT NULL DEFAULT (0), "status" varchar(10) NOT NULL DEFAULT ('queued'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claimed_at" datetime, "claim_token" varchar(36), "last_error" text, "sent_at" datetime, "delivered_via" varchar(10), "delivery_note" varchar(500), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_mail_outbox_message_id" ON "mail_outbox" ("message_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_mail_outbox_dedup_key" ON "mail_outbox" ("dedup_key") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_meeting" ON "mail_outbox" ("meeting_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_person" ON "mail_outbox" ("person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_account" ON "mail_outbox" ("account_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `);
        await queryRunner.query(`CREATE TABLE "temporary_body_mail_settings" ("body_id" integer PRIMARY KEY NOT NULL, "reminder_days_before" integer, "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_fb199e5218d0ab72153d14ad64f" FOREIGN KEY ("body_id") REFERENCES "bodies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_body_mail_settings"("body_id", "reminder_days_before", "updated_at") SELECT "body_id", "reminder_days_before", "updated_at" FROM "body_mail_settings"`);
        await queryRunner.query(`DROP TABLE "body_mail_settings"`);
        await queryRunner.query(`ALTER TABLE "temporary_body_mail_settings" RENAME TO "body_mail_settings"`);
        await queryRunner.query(`DROP INDEX "uq_mail_outbox_message_id"`);
        await queryRunner.query(`DROP INDEX "uq_mail_outbox_dedup_key"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_meeting"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_person"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_account"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_due"`);
        await queryRunner.query(`CREATE TABLE "temporary_mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "message_id" varchar(250) NOT NULL, "kind" varchar(30) NOT NULL, "dedup_key" varchar(200), "to_address" varchar(254) NOT NULL, "to_name" varchar(200), "reply_to" varchar(254), "subject" varchar(500) NOT NULL, "text_body" text NOT NULL, "calendar_method" varchar(10), "calendar_content" text, "meeting_id" integer, "person_id" integer, "account_id" integer, "scrub_after_send" boolean NOT NULL DEFAULT (0), "status" varchar(10) NOT NULL DEFAULT ('queued'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claimed_at" datetime, "claim_token" varchar(36), "last_error" text, "sent_at" datetime, "delivered_via" varchar(10), "delivery_note" varchar(500), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_b8bd702d7b5f4f4df101239e7dd" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_d187c3c10e1908f6a937fcb6724" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_371539e8cfef838d04a6f4369ff" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_mail_outbox"("id", "message_id", "kind", "dedup_key", "to_address", "to_name", "reply_to", "subject", "text_body", "calendar_method", "calendar_content", "meeting_id", "person_id", "account_id", "scrub_after_send", "status", "attempts", "next_attempt_at", "claimed_at", "claim_token", "last_error", "sent_at", "delivered_via", "delivery_note", "created_at", "updated_at") SELECT "id", "message_id", "kind", "dedup_key", "to_address", "to_name", "reply_to", "subject", "text_body", "calendar_method", "calendar_content", "meeting_id", "person_id", "account_id", "scrub_after_send", "status", "attempts", "next_attempt_at", "claimed_at", "claim_token", "last_error", "sent_at", "delivered_via", "delivery_note", "created_at", "updated_at" FROM "mail_outbox"`);
        await queryRunner.query(`DROP TABLE "mail_outbox"`);
        await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_mail_outbox_message_id" ON "mail_outbox" ("message_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_mail_outbox_dedup_key" ON "mail_outbox" ("dedup_key") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_meeting" ON "mail_outbox" ("meeting_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_person" ON "mail_outbox" ("person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_account" ON "mail_outbox" ("account_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_due"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_account"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_person"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_meeting"`);
        await queryRunner.query(`DROP INDEX "uq_mail_outbox_dedup_key"`);
        await queryRunner.query(`DROP INDEX "uq_mail_outbox_message_id"`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
        await queryRunner.query(`CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "message_id" varchar(250) NOT NULL, "kind" varchar(30) NOT NULL, "dedup_key" varchar(200), "to_address" varchar(254) NOT NULL, "to_name" varchar(200), "reply_to" varchar(254), "subject" varchar(500) NOT NULL, "text_body" text NOT NULL, "calendar_method" varchar(10), "calendar_content" text, "meeting_id" integer, "person_id" integer, "account_id" integer, "scrub_after_send" boolean NOT NULL DEFAULT (0), "status" varchar(10) NOT NULL DEFAULT ('queued'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claimed_at" datetime, "claim_token" varchar(36), "last_error" text, "sent_at" datetime, "delivered_via" varchar(10), "delivery_note" varchar(500), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "mail_outbox"("id", "message_id", "kind", "dedup_key", "to_address", "to_name", "reply_to", "subject", "text_body", "calendar_method", "calendar_content", "meeting_id", "person_id", "account_id", "scrub_after_send", "status", "attempts", "next_attempt_at", "claimed_at", "claim_token", "last_error", "sent_at", "delivered_via", "delivery_note", "created_at", "updated_at") SELECT "id", "message_id", "kind", "dedup_key", "to_address", "to_name", "reply_to", "subject", "text_body", "calendar_method", "calendar_content", "meeting_id", "person_id", "account_id", "scrub_after_send", "status", "attempts", "next_attempt_at", "claimed_at", "claim_token", "last_error", "sent_at", "delivered_via", "delivery_note", "created_at", "updated_at" FROM "temporary_mail_outbox"`);
        await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_account" ON "mail_outbox" ("account_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_person" ON "mail_outbox" ("person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_outbox_meeting" ON "mail_outbox" ("meeting_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_mail_outbox_dedup_key" ON "mail_outbox" ("dedup_key") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_mail_outbox_message_id" ON "mail_outbox" ("message_id") `);
        await queryRunner.query(`ALTER TABLE "body_mail_settings" RENAME TO "temporary_body_mail_settings"`);
        await queryRunner.query(`CREATE TABLE "body_mail_settings" ("body_id" integer PRIMARY KEY NOT NULL, "reminder_days_before" integer, "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "body_mail_settings"("body_id", "reminder_days_before", "updated_at") SELECT "body_id", "reminder_days_before", "updated_at" FROM "temporary_body_mail_settings"`);
        await queryRunner.query(`DROP TABLE "temporary_body_mail_settings"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_due"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_account"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_person"`);
        await queryRunner.query(`DROP INDEX "idx_mail_outbox_meeting"`);
        await queryRunner.query(`DROP INDEX "uq_mail_outbox_dedup_key"`);
        await queryRunner.query(`DROP INDEX "uq_mail_outbox_message_id"`);
        await queryRunner.query(`DROP TABLE "mail_outbox"`);
        await queryRunner.query(`DROP TABLE "body_mail_settings"`);
    }

}
