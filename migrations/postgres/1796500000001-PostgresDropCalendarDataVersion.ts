import type { MigrationInterface, QueryRunner } from "typeorm";

/** Calendar feeds are cached per content version (content_version): the second counter goes. */
export class PostgresDropCalendarDataVersion1796500000001 implements MigrationInterface {
    name = 'PostgresDropCalendarDataVersion1796500000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "calendar_data_version"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_data_version" ("id" integer NOT NULL, "version" integer NOT NULL DEFAULT '0', "changed_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_10f681eb5edbbdd4564424999c1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`INSERT INTO "calendar_data_version" ("id", "version", "changed_at") SELECT 1, "version", "changed_at" FROM "content_version" WHERE "id" = 1`);
    }

}
