import type { MigrationInterface, QueryRunner } from "typeorm";

/** "Themen und Angebote": the kept topic vocabulary and which people and organisations have which topic. */
export class PostgresTopics1796518564621 implements MigrationInterface {
    name = 'PostgresTopics1796518564621'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "topics" ("id" SERIAL NOT NULL, "name" character varying(100) NOT NULL, "name_key" character varying(100) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_e4aa99a3fa60ec3a37d1fc4e853" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_topics_name_key" ON "topics"  ("name_key") `);
        await queryRunner.query(`CREATE TABLE "organisation_topics" ("organisation_id" integer NOT NULL, "topic_id" integer NOT NULL, CONSTRAINT "PK_0288005632a19e0ce86337e98fc" PRIMARY KEY ("organisation_id", "topic_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_organisation_topics_topic" ON "organisation_topics"  ("topic_id") `);
        await queryRunner.query(`CREATE TABLE "person_topics" ("person_id" integer NOT NULL, "topic_id" integer NOT NULL, CONSTRAINT "PK_9eb69e34af1dfbafb90209a2aab" PRIMARY KEY ("person_id", "topic_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_person_topics_topic" ON "person_topics"  ("topic_id") `);
        await queryRunner.query(`ALTER TABLE "organisation_topics" ADD CONSTRAINT "FK_b26559f9323d970842c62c3b773" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_topics" ADD CONSTRAINT "FK_657eebe987113af5514c7fe5a8f" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "person_topics" ADD CONSTRAINT "FK_af0e27883953a1830fc0a86a81e" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "person_topics" ADD CONSTRAINT "FK_7285298816f9591d1a431de4118" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "person_topics" DROP CONSTRAINT "FK_7285298816f9591d1a431de4118"`);
        await queryRunner.query(`ALTER TABLE "person_topics" DROP CONSTRAINT "FK_af0e27883953a1830fc0a86a81e"`);
        await queryRunner.query(`ALTER TABLE "organisation_topics" DROP CONSTRAINT "FK_657eebe987113af5514c7fe5a8f"`);
        await queryRunner.query(`ALTER TABLE "organisation_topics" DROP CONSTRAINT "FK_b26559f9323d970842c62c3b773"`);
        await queryRunner.query(`DROP INDEX "public"."idx_person_topics_topic"`);
        await queryRunner.query(`DROP TABLE "person_topics"`);
        await queryRunner.query(`DROP INDEX "public"."idx_organisation_topics_topic"`);
        await queryRunner.query(`DROP TABLE "organisation_topics"`);
        await queryRunner.query(`DROP INDEX "public"."uq_topics_name_key"`);
        await queryRunner.query(`DROP TABLE "topics"`);
    }
}
