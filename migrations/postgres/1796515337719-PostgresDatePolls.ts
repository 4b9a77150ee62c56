import type { MigrationInterface, QueryRunner } from "typeorm";

/** Date polls (Terminumfragen): the poll, its candidate slots, each person's response and their yes / if need be / no per slot. */
export class PostgresDatePolls1796515337719 implements MigrationInterface {
    name = 'PostgresDatePolls1796515337719'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "date_polls" ("id" SERIAL NOT NULL, "body_id" integer NOT NULL, "title" character varying(200) NOT NULL, "note" text, "deadline" TIMESTAMP NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'open', "closed_at" TIMESTAMP, "picked_slot_id" integer, "meeting_id" integer, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_c3929d19fb29d8e7985e6dfcd84" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_date_polls_body" ON "date_polls"  ("body_id")`);
        await queryRunner.query(`CREATE INDEX "idx_date_polls_meeting" ON "date_polls"  ("meeting_id")`);
        await queryRunner.query(`CREATE TABLE "date_poll_slots" ("id" SERIAL NOT NULL, "poll_id" integer NOT NULL, "position" integer NOT NULL, "starts_at" TIMESTAMP NOT NULL, "ends_at" TIMESTAMP NOT NULL, "location_id" integer, CONSTRAINT "PK_78c0bf1c4f203c9d283279015cc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_slots_poll" ON "date_poll_slots"  ("poll_id")`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_slots_location" ON "date_poll_slots"  ("location_id")`);
        await queryRunner.query(`CREATE TABLE "date_poll_responses" ("id" SERIAL NOT NULL, "poll_id" integer NOT NULL, "person_id" integer NOT NULL, "answered_by_person_id" integer, "comment" character varying(1000), "responded_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_3cb148cda60b46de224209d34bb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_responses_person" ON "date_poll_responses"  ("person_id")`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_responses_answered_by" ON "date_poll_responses"  ("answered_by_person_id")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_date_poll_responses_poll_person" ON "date_poll_responses"  ("poll_id", "person_id")`);
        await queryRunner.query(`CREATE TABLE "date_poll_votes" ("id" SERIAL NOT NULL, "response_id" integer NOT NULL, "slot_id" integer NOT NULL, "answer" character varying(10) NOT NULL, CONSTRAINT "PK_a9dc9319d265200529248b60141" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_date_poll_votes_slot" ON "date_poll_votes"  ("slot_id")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_date_poll_votes_response_slot" ON "date_poll_votes"  ("response_id", "slot_id")`);
        await queryRunner.query(`ALTER TABLE "date_polls" ADD CONSTRAINT "FK_62cfb0deb6e31ee14e409d80e51" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_polls" ADD CONSTRAINT "FK_d7cd91ccedf249c18ecaebc61b0" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_poll_slots" ADD CONSTRAINT "FK_887999c87ca064fd57e4b4ba834" FOREIGN KEY ("poll_id") REFERENCES "date_polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_poll_slots" ADD CONSTRAINT "FK_3486ff5aa61a00c4c55526210ee" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_poll_responses" ADD CONSTRAINT "FK_bdb4f8152150722da0164df6eb1" FOREIGN KEY ("poll_id") REFERENCES "date_polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_poll_responses" ADD CONSTRAINT "FK_08f4baa70efc64a119cf73ac8ce" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_poll_responses" ADD CONSTRAINT "FK_0a31c8f214daafd9a9c90c2fed7" FOREIGN KEY ("answered_by_person_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_poll_votes" ADD CONSTRAINT "FK_b166dc09bb04799ce06c390ade7" FOREIGN KEY ("response_id") REFERENCES "date_poll_responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "date_poll_votes" ADD CONSTRAINT "FK_b90b4b0a133a96f286557169e8a" FOREIGN KEY ("slot_id") REFERENCES "date_poll_slots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "date_poll_votes" DROP CONSTRAINT "FK_b90b4b0a133a96f286557169e8a"`);
        await queryRunner.query(`ALTER TABLE "date_poll_votes" DROP CONSTRAINT "FK_b166dc09bb04799ce06c390ade7"`);
        await queryRunner.query(`ALTER TABLE "date_poll_responses" DROP CONSTRAINT "FK_0a31c8f214daafd9a9c90c2fed7"`);
        await queryRunner.query(`ALTER TABLE "date_poll_responses" DROP CONSTRAINT "FK_08f4baa70efc64a119cf73ac8ce"`);
        await queryRunner.query(`ALTER TABLE "date_poll_responses" DROP CONSTRAINT "FK_bdb4f8152150722da0164df6eb1"`);
        await queryRunner.query(`ALTER TABLE "date_poll_slots" DROP CONSTRAINT "FK_3486ff5aa61a00c4c55526210ee"`);
        await queryRunner.query(`ALTER TABLE "date_poll_slots" DROP CONSTRAINT "FK_887999c87ca064fd57e4b4ba834"`);
        await queryRunner.query(`ALTER TABLE "date_polls" DROP CONSTRAINT "FK_d7cd91ccedf249c18ecaebc61b0"`);
        await queryRunner.query(`ALTER TABLE "date_polls" DROP CONSTRAINT "FK_62cfb0deb6e31ee14e409d80e51"`);
        await queryRunner.query(`DROP INDEX "public"."uq_date_poll_votes_response_slot"`);
        await queryRunner.query(`DROP INDEX "public"."idx_date_poll_votes_slot"`);
        await queryRunner.query(`DROP TABLE "date_poll_votes"`);
        await queryRunner.query(`DROP INDEX "public"."uq_date_poll_responses_poll_person"`);
        await queryRunner.query(`DROP INDEX "public"."idx_date_poll_responses_answered_by"`);
        await queryRunner.query(`DROP INDEX "public"."idx_date_poll_responses_person"`);
        await queryRunner.query(`DROP TABLE "date_poll_responses"`);
        await queryRunner.query(`DROP INDEX "public"."idx_date_poll_slots_location"`);
        await queryRunner.query(`DROP INDEX "public"."idx_date_poll_slots_poll"`);
        await queryRunner.query(`DROP TABLE "date_poll_slots"`);
        await queryRunner.query(`DROP INDEX "public"."idx_date_polls_meeting"`);
        await queryRunner.query(`DROP INDEX "public"."idx_date_polls_body"`);
        await queryRunner.query(`DROP TABLE "date_polls"`);
    }
}
