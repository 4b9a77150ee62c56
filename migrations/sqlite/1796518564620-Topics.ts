import type { MigrationInterface, QueryRunner } from "typeorm";

/** "Themen und Angebote": the kept topic vocabulary and which people and organisations have which topic. */
export class Topics1796518564620 implements MigrationInterface {
    name = 'Topics1796518564620'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "topics" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(100) NOT NULL, "name_key" varchar(100) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_topics_name_key" ON "topics" ("name_key") `);
        await queryRunner.query(`CREATE TABLE "organisation_topics" ("organisation_id" integer NOT NULL, "topic_id" integer NOT NULL, CONSTRAINT "FK_b26559f9323d970842c62c3b773" FOREIGN KEY ("organisation_id") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_657eebe987113af5514c7fe5a8f" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("organisation_id", "topic_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_organisation_topics_topic" ON "organisation_topics" ("topic_id") `);
        await queryRunner.query(`CREATE TABLE "person_topics" ("person_id" integer NOT NULL, "topic_id" integer NOT NULL, CONSTRAINT "FK_af0e27883953a1830fc0a86a81e" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7285298816f9591d1a431de4118" FOREIGN KEY ("topic_id") REFERENCES "topics" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("person_id", "topic_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_person_topics_topic" ON "person_topics" ("topic_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_person_topics_topic"`);
        await queryRunner.query(`DROP TABLE "person_topics"`);
        await queryRunner.query(`DROP INDEX "idx_organisation_topics_topic"`);
        await queryRunner.query(`DROP TABLE "organisation_topics"`);
        await queryRunner.query(`DROP INDEX "uq_topics_name_key"`);
        await queryRunner.query(`DROP TABLE "topics"`);
    }
}
