import type { MigrationInterface, QueryRunner } from "typeorm";

/** Circulars (Rundschreiben): the circular, its target bodies or organisations, its recipients with their outbox mail, one-click unsubscribes; the outbox gains an HTML part, List-Id and List-Unsubscribe. */
export class PostgresCirculars1796517499944 implements MigrationInterface {
    name = 'PostgresCirculars1796517499944'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "circulars" ("id" SERIAL NOT NULL, "scope" character varying(20) NOT NULL, "subject" character varying(200) NOT NULL, "text" text NOT NULL, "sender_account_id" integer, "sender_name" character varying(254) NOT NULL, "reply_to" character varying(254), "form_token" character varying(64) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_d5986883d52418ff55d9b5834d6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_circulars_sender_account" ON "circulars"  ("sender_account_id")`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_circulars_form_token" ON "circulars"  ("form_token")`);
        await queryRunner.query(`CREATE TABLE "circular_targets" ("id" SERIAL NOT NULL, "circular_id" integer NOT NULL, "body_id" integer, "organisation_id" integer, CONSTRAINT "PK_207791e1ff197cc32db107b61ef" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_circular_targets_circular" ON "circular_targets"  ("circular_id")`);
        await queryRunner.query(`CREATE INDEX "idx_circular_targets_body" ON "circular_targets"  ("body_id")`);
        await queryRunner.query(`CREATE INDEX "idx_circular_targets_organisation" ON "circular_targets"  ("organisation_id")`);
        await queryRunner.query(`CREATE TABLE "circular_recipients" ("id" SERIAL NOT NULL, "circular_id" integer NOT NULL, "person_id" integer, "name" character varying(254) NOT NULL, "address" character varying(254), "as_deputy" boolean NOT NULL DEFAULT false, "mail_id" integer, "note" character varying(200), CONSTRAINT "PK_550745f6d4390f20ddf527ee15a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_circular_recipients_circular" ON "circular_recipients"  ("circular_id")`);
        await queryRunner.query(`CREATE INDEX "idx_circular_recipients_person" ON "circular_recipients"  ("person_id")`);
        await queryRunner.query(`CREATE INDEX "idx_circular_recipients_mail" ON "circular_recipients"  ("mail_id")`);
        await queryRunner.query(`CREATE TABLE "circular_unsubscribes" ("id" SERIAL NOT NULL, "address" character varying(254) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_89a269a6afee8450ffb0dc23294" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_circular_unsubscribes_address" ON "circular_unsubscribes"  ("address")`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "html_body" text`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "list_id" character varying(250)`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "list_unsubscribe" character varying(500)`);
        await queryRunner.query(`ALTER TABLE "circulars" ADD CONSTRAINT "FK_138d3dd5f84e3eaf39d84248352" FOREIGN KEY ("sender_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "circular_targets" ADD CONSTRAINT "FK_63031a67d980d074d1be403f80d" FOREIGN KEY ("circular_id") REFERENCES "circulars"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "circular_targets" ADD CONSTRAINT "FK_b4d6328a86135e4689e403ca89b" FOREIGN KEY ("body_id") REFERENCES "bodies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "circular_targets" ADD CONSTRAINT "FK_b6252ae47b8e10e377aa6c38963" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "circular_recipients" ADD CONSTRAINT "FK_7e548780fff564bb61358246213" FOREIGN KEY ("circular_id") REFERENCES "circulars"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "circular_recipients" ADD CONSTRAINT "FK_416c3b1a143461a1d3ce304b3ca" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "circular_recipients" ADD CONSTRAINT "FK_78a53d4aec2d609f9b849c10049" FOREIGN KEY ("mail_id") REFERENCES "mail_outbox"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "circular_recipients" DROP CONSTRAINT "FK_78a53d4aec2d609f9b849c10049"`);
        await queryRunner.query(`ALTER TABLE "circular_recipients" DROP CONSTRAINT "FK_416c3b1a143461a1d3ce304b3ca"`);
        await queryRunner.query(`ALTER TABLE "circular_recipients" DROP CONSTRAINT "FK_7e548780fff564bb61358246213"`);
        await queryRunner.query(`ALTER TABLE "circular_targets" DROP CONSTRAINT "FK_b6252ae47b8e10e377aa6c38963"`);
        await queryRunner.query(`ALTER TABLE "circular_targets" DROP CONSTRAINT "FK_b4d6328a86135e4689e403ca89b"`);
        await queryRunner.query(`ALTER TABLE "circular_targets" DROP CONSTRAINT "FK_63031a67d980d074d1be403f80d"`);
        await queryRunner.query(`ALTER TABLE "circulars" DROP CONSTRAINT "FK_138d3dd5f84e3eaf39d84248352"`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "list_unsubscribe"`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "list_id"`);
        await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "html_body"`);
        await queryRunner.query(`DROP INDEX "public"."uq_circular_unsubscribes_address"`);
        await queryRunner.query(`DROP TABLE "circular_unsubscribes"`);
        await queryRunner.query(`DROP INDEX "public"."idx_circular_recipients_mail"`);
        await queryRunner.query(`DROP INDEX "public"."idx_circular_recipients_person"`);
        await queryRunner.query(`DROP INDEX "public"."idx_circular_recipients_circular"`);
        await queryRunner.query(`DROP TABLE "circular_recipients"`);
        await queryRunner.query(`DROP INDEX "public"."idx_circular_targets_organisation"`);
        await queryRunner.query(`DROP INDEX "public"."idx_circular_targets_body"`);
        await queryRunner.query(`DROP INDEX "public"."idx_circular_targets_circular"`);
        await queryRunner.query(`DROP TABLE "circular_targets"`);
        await queryRunner.query(`DROP INDEX "public"."uq_circulars_form_token"`);
        await queryRunner.query(`DROP INDEX "public"."idx_circulars_sender_account"`);
        await queryRunner.query(`DROP TABLE "circulars"`);
    }
}
