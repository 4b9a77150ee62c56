import type { MigrationInterface, QueryRunner } from "typeorm";

export class ContentVersion1796487963457 implements MigrationInterface {
    name = 'ContentVersion1796487963457'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "content_version" ("id" integer PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0), "changed_at" datetime NOT NULL)`);
        // The one row exists from the start, so concurrent first writers only ever update it.
        await queryRunner.query(`INSERT INTO "content_version" ("id", "version", "changed_at") VALUES (1, 0, CURRENT_TIMESTAMP)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "content_version"`);
    }

}
