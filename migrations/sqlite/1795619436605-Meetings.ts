import type { MigrationInterface, QueryRunner } from "typeorm";

export class Meetings1795619436605 implements MigrationInterface {
    name = 'Meetings1795619436605'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "locations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "room" varchar(100), "street" varchar(200), "postal_code" varchar(10), "locality" varchar(100), "accessibility_notes" text, "online_link" varchar(500), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "idx_locations_name" ON "locations" ("name") `);
        await queryRunner.query(`CREATE TABLE "meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "body_id" integer NOT NULL, "title" varchar(200) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "location_id" integer, "online_link" varchar(500), "state" varchar(20) NOT NULL DEFAULT ('scheduled'), "cancel_reason" text, "invited_at" datetime, "uid" varchar(200) NOT NULL, "sequence" integer NOT NULL DEFAULT (0), "is_public" boolean NOT NULL DEFAULT (1), "series_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "idx_meetings_body" ON "meetings" ("body_id") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_starts_at" ON "meetings" ("starts_at") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_location" ON "meetings" ("location_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_meetings_uid" ON "meetings" ("uid") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_series" ON "meetings" ("series_id") `);
        await queryRunner.query(`CREATE TABLE "agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "number" varchar(20) NOT NULL, "position" integer NOT NULL, "level" integer NOT NULL DEFAULT (0), "title" varchar(300) NOT NULL, "description" text, "is_public" boolean NOT NULL DEFAULT (1), "presenter" varchar(200), "planned_minutes" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "idx_agenda_items_meeting" ON "agenda_items" ("meeting_id") `);
        await queryRunner.query(`CREATE TABLE "attendances" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "person_id" integer NOT NULL, "invited_at" datetime, "response" varchar(10) NOT NULL DEFAULT ('none'), "responded_at" datetime, "deputy_person_id" integer, "attended" varchar(10), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "idx_attendances_meeting" ON "attendances" ("meeting_id") `);
        await queryRunner.query(`CREATE INDEX "idx_attendances_person" ON "attendances" ("person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_attendances_deputy" ON "attendances" ("deputy_person_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_attendances_meeting_person" ON "attendances" ("meeting_id", "person_id") `);
        await queryRunner.query(`CREATE TABLE "calendar_data_version" ("id" integer PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0), "changed_at" datetime NOT NULL)`);
        await queryRunner.query(`INSERT INTO "calendar_data_version" ("id", "version", "changed_at") VALUES (1, 0, datetime('now'))`);
        await queryRunner.query(`DROP INDEX "idx_meetings_body"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_starts_at"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_location"`);
        await queryRunner.query(`DROP INDEX "uq_meetings_uid"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_series"`);
        await queryRunner.query(`CREATE TABLE "temporary_meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "body_id" integer NOT NULL, "title" varchar(200) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "location_id" integer, "online_link" varchar(500), "state" varchar(20) NOT NULL DEFAULT ('scheduled'), "cancel_reason" text, "invited_at" datetime, "uid" varchar(200) NOT NULL, "sequence" integer NOT NULL DEFAULT (0), "is_public" boolean NOT NULL DEFAULT (1), "series_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_8e524e5163ecc0d8a674b3f1c85" FOREIGN KEY ("body_id") REFERENCES "bodies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_c43c98279c2a1e35655b02aef11" FOREIGN KEY ("location_id") REFERENCES "locations" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_meetings"("id", "body_id", "title", "description", "starts_at", "ends_at", "location_id", "online_link", "state", "cancel_reason", "invited_at", "uid", "sequence", "is_public", "series_id", "created_at", "updated_at") SELECT "id", "body_id", "title", "description", "starts_at", "ends_at", "location_id", "online_link", "state", "cancel_reason", "invited_at", "uid", "sequence", "is_public", "series_id", "created_at", "updated_at" FROM "meetings"`);
        await queryRunner.query(`DROP TABLE "meetings"`);
        await queryRunner.query(`ALTER TABLE "temporary_meetings" RENAME TO "meetings"`);
        await queryRunner.query(`CREATE INDEX "idx_meetings_body" ON "meetings" ("body_id") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_starts_at" ON "meetings" ("starts_at") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_location" ON "meetings" ("location_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_meetings_uid" ON "meetings" ("uid") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_series" ON "meetings" ("series_id") `);
        await queryRunner.query(`DROP INDEX "idx_agenda_items_meeting"`);
        await queryRunner.query(`CREATE TABLE "temporary_agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "number" varchar(20) NOT NULL, "position" integer NOT NULL, "level" integer NOT NULL DEFAULT (0), "title" varchar(300) NOT NULL, "description" text, "is_public" boolean NOT NULL DEFAULT (1), "presenter" varchar(200), "planned_minutes" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_agenda_items"("id", "meeting_id", "number", "position", "level", "title", "description", "is_public", "presenter", "planned_minutes", "created_at", "updated_at") SELECT "id", "meeting_id", "number", "position", "level", "title", "description", "is_public", "presenter", "planned_minutes", "created_at", "updated_at" FROM "agenda_items"`);
        await queryRunner.query(`DROP TABLE "agenda_items"`);
        await queryRunner.query(`ALTER TABLE "temporary_agenda_items" RENAME TO "agenda_items"`);
        await queryRunner.query(`CREATE INDEX "idx_agenda_items_meeting" ON "agenda_items" ("meeting_id") `);
        await queryRunner.query(`DROP INDEX "idx_attendances_meeting"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_person"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_deputy"`);
        await queryRunner.query(`DROP INDEX "uq_attendances_meeting_person"`);
        await queryRunner.query(`CREATE TABLE "temporary_attendances" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "person_id" integer NOT NULL, "invited_at" datetime, "response" varchar(10) NOT NULL DEFAULT ('none'), "responded_at" datetime, "deputy_person_id" integer, "attended" varchar(10), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_b94f53d4a85c0ebd31fe5b177aa" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ce1cf71d39103688bc6125f5889" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_0ee3b97717ccbefc71371058ed9" FOREIGN KEY ("deputy_person_id") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_attendances"("id", "meeting_id", "person_id", "invited_at", "response", "responded_at", "deputy_person_id", "attended", "created_at", "updated_at") SELECT "id", "meeting_id", "person_id", "invited_at", "response", "responded_at", "deputy_person_id", "attended", "created_at", "updated_at" FROM "attendances"`);
        await queryRunner.query(`DROP TABLE "attendances"`);
        await queryRunner.query(`ALTER TABLE "temporary_attendances" RENAME TO "attendances"`);
        await queryRunner.query(`CREATE INDEX "idx_attendances_meeting" ON "attendances" ("meeting_id") `);
        await queryRunner.query(`CREATE INDEX "idx_attendances_person" ON "attendances" ("person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_attendances_deputy" ON "attendances" ("deputy_person_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_attendances_meeting_person" ON "attendances" ("meeting_id", "person_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "uq_attendances_meeting_person"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_deputy"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_person"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_meeting"`);
        await queryRunner.query(`ALTER TABLE "attendances" RENAME TO "temporary_attendances"`);
        await queryRunner.query(`CREATE TABLE "attendances" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "person_id" integer NOT NULL, "invited_at" datetime, "response" varchar(10) NOT NULL DEFAULT ('none'), "responded_at" datetime, "deputy_person_id" integer, "attended" varchar(10), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "attendances"("id", "meeting_id", "person_id", "invited_at", "response", "responded_at", "deputy_person_id", "attended", "created_at", "updated_at") SELECT "id", "meeting_id", "person_id", "invited_at", "response", "responded_at", "deputy_person_id", "attended", "created_at", "updated_at" FROM "temporary_attendances"`);
        await queryRunner.query(`DROP TABLE "temporary_attendances"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_attendances_meeting_person" ON "attendances" ("meeting_id", "person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_attendances_deputy" ON "attendances" ("deputy_person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_attendances_person" ON "attendances" ("person_id") `);
        await queryRunner.query(`CREATE INDEX "idx_attendances_meeting" ON "attendances" ("meeting_id") `);
        await queryRunner.query(`DROP INDEX "idx_agenda_items_meeting"`);
        await queryRunner.query(`ALTER TABLE "agenda_items" RENAME TO "temporary_agenda_items"`);
        await queryRunner.query(`CREATE TABLE "agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "number" varchar(20) NOT NULL, "position" integer NOT NULL, "level" integer NOT NULL DEFAULT (0), "title" varchar(300) NOT NULL, "description" text, "is_public" boolean NOT NULL DEFAULT (1), "presenter" varchar(200), "planned_minutes" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "agenda_items"("id", "meeting_id", "number", "position", "level", "title", "description", "is_public", "presenter", "planned_minutes", "created_at", "updated_at") SELECT "id", "meeting_id", "number", "position", "level", "title", "description", "is_public", "presenter", "planned_minutes", "created_at", "updated_at" FROM "temporary_agenda_items"`);
        await queryRunner.query(`DROP TABLE "temporary_agenda_items"`);
        await queryRunner.query(`CREATE INDEX "idx_agenda_items_meeting" ON "agenda_items" ("meeting_id") `);
        await queryRunner.query(`DROP INDEX "idx_meetings_series"`);
        await queryRunner.query(`DROP INDEX "uq_meetings_uid"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_location"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_starts_at"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_body"`);
        await queryRunner.query(`ALTER TABLE "meetings" RENAME TO "temporary_meetings"`);
        await queryRunner.query(`CREATE TABLE "meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "body_id" integer NOT NULL, "title" varchar(200) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "location_id" integer, "online_link" varchar(500), "state" varchar(20) NOT NULL DEFAULT ('scheduled'), "cancel_reason" text, "invited_at" datetime, "uid" varchar(200) NOT NULL, "sequence" integer NOT NULL DEFAULT (0), "is_public" boolean NOT NULL DEFAULT (1), "series_id" varchar(36), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "meetings"("id", "body_id", "title", "description", "starts_at", "ends_at", "location_id", "online_link", "state", "cancel_reason", "invited_at", "uid", "sequence", "is_public", "series_id", "created_at", "updated_at") SELECT "id", "body_id", "title", "description", "starts_at", "ends_at", "location_id", "online_link", "state", "cancel_reason", "invited_at", "uid", "sequence", "is_public", "series_id", "created_at", "updated_at" FROM "temporary_meetings"`);
        await queryRunner.query(`DROP TABLE "temporary_meetings"`);
        await queryRunner.query(`CREATE INDEX "idx_meetings_series" ON "meetings" ("series_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_meetings_uid" ON "meetings" ("uid") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_location" ON "meetings" ("location_id") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_starts_at" ON "meetings" ("starts_at") `);
        await queryRunner.query(`CREATE INDEX "idx_meetings_body" ON "meetings" ("body_id") `);
        await queryRunner.query(`DROP TABLE "calendar_data_version"`);
        await queryRunner.query(`DROP INDEX "uq_attendances_meeting_person"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_deputy"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_person"`);
        await queryRunner.query(`DROP INDEX "idx_attendances_meeting"`);
        await queryRunner.query(`DROP TABLE "attendances"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_items_meeting"`);
        await queryRunner.query(`DROP TABLE "agenda_items"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_series"`);
        await queryRunner.query(`DROP INDEX "uq_meetings_uid"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_location"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_starts_at"`);
        await queryRunner.query(`DROP INDEX "idx_meetings_body"`);
        await queryRunner.query(`DROP TABLE "meetings"`);
        await queryRunner.query(`DROP INDEX "idx_locations_name"`);
        await queryRunner.query(`DROP TABLE "locations"`);
    }

}
