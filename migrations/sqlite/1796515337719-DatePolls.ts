import type { MigrationInterface, QueryRunner } from "typeorm";

/** Date polls (Terminumfragen): the poll, its candidate slots, each person's response and their yes / if need be / no per slot. */
export class DatePolls1796515337719 implements MigrationInterface {
    name = 'DatePolls1796515337719'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "date_polls" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "body_id" integer NOT NULL, "title" varchar(200) NOT NULL, "note" text, "deadline" datetime NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('open'), "closed_at" datetime, "picked_slot_id" integer, "meeting_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_62cfb0deb6e31ee14e409d80e51" FOREIGN KEY ("body_id") REFERENCES "bodies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_d7cd91ccedf249c18ecaebc61b0" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_date_polls_body" ON "date_polls" ("body_id")`);
        await queryRunner.query(`CREATE INDEX "idx_date_polls_meeting" ON "date_polls" ("meeting_id")`);
        await queryRunner.query(`CREATE TABLE "date_poll_slots" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "poll_id" integer NOT NULL, "position" integer NOT NULL, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "location_id" integer, CONSTRAINT "FK_887999c87ca064fd57e4b4ba834" FOREIGN KEY ("poll_id") REFERENCES "date_polls" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3486ff5aa61a00c4c55526210ee" FOREIGN KEY ("location_id") REFERENCES "locations" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_slots_poll" ON "date_poll_slots" ("poll_id")`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_slots_location" ON "date_poll_slots" ("location_id")`);
        await queryRunner.query(`CREATE TABLE "date_poll_responses" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "poll_id" integer NOT NULL, "person_id" integer NOT NULL, "answered_by_person_id" integer, "comment" varchar(1000), "responded_at" datetime NOT NULL, CONSTRAINT "FK_bdb4f8152150722da0164df6eb1" FOREIGN KEY ("poll_id") REFERENCES "date_polls" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_08f4baa70efc64a119cf73ac8ce" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_0a31c8f214daafd9a9c90c2fed7" FOREIGN KEY ("answered_by_person_id") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_responses_person" ON "date_poll_responses" ("person_id")`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_responses_answered_by" ON "date_poll_responses" ("answered_by_person_id")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_date_poll_responses_poll_person" ON "date_poll_responses" ("poll_id", "person_id")`);
        await queryRunner.query(`CREATE TABLE "date_poll_votes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "response_id" integer NOT NULL, "slot_id" integer NOT NULL, "answer" varchar(10) NOT NULL, CONSTRAINT "FK_b166dc09bb04799ce06c390ade7" FOREIGN KEY ("response_id") REFERENCES "date_poll_responses" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b90b4b0a133a96f286557169e8a" FOREIGN KEY ("slot_id") REFERENCES "date_poll_slots" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_votes_slot" ON "date_poll_votes" ("slot_id")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_date_poll_votes_response_slot" ON "date_poll_votes" ("response_id", "slot_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "uq_date_poll_votes_response_slot"`);
        await queryRunner.query(`DROP INDEX "idx_date_poll_votes_slot"`);
        await queryRunner.query(`DROP TABLE "date_poll_votes"`);
        await queryRunner.query(`DROP INDEX "uq_date_poll_responses_poll_person"`);
        await queryRunner.query(`DROP INDEX "idx_date_poll_responses_answered_by"`);
        await queryRunner.query(`DROP INDEX "idx_date_poll_responses_person"`);
        await queryRunner.query(`DROP TABLE "date_poll_responses"`);
        await queryRunner.query(`DROP INDEX "idx_date_poll_slots_location"`);
        await queryRunner.query(`DROP INDEX "idx_date_poll_slots_poll"`);
        await queryRunner.query(`DROP TABLE "date_poll_slots"`);
        await queryRunner.query(`DROP INDEX "idx_date_polls_meeting"`);
        await queryRunner.query(`DROP INDEX "idx_date_polls_body"`);
        await queryRunner.query(`DROP TABLE "date_polls"`);
    }
}
