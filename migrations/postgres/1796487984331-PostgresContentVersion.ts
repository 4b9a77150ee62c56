import type { MigrationInterface, QueryRunner } from "typeorm";

export class PostgresContentVersion1796487984331 implements MigrationInterface {
    name = 'PostgresContentVersion1796487984331'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "content_version" ("id" integer NOT NULL, "version" integer NOT NULL DEFAULT '0', "changed_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_a2fb4b369c7813e98deb69d3f9e" PRIMARY KEY ("id"))`);
        // The one row exists from the start, so concurrent first writers only ever update it.
        await queryRunner.query(`INSERT INTO "content_version" ("id", "version", "changed_at") VALUES (1, 0, now())`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "content_version"`);
    }

}
