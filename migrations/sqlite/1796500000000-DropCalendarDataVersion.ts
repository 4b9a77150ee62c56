import type { MigrationInterface, QueryRunner } from "typeorm";

/** Calendar feeds are cached per content version (content_version): the second counter goes. */
export class DropCalendarDataVersion1796500000000 implements MigrationInterface {
    name = 'DropCalendarDataVersion1796500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "calendar_data_version"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_data_version" ("id" integer PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0), "changed_at" datetime NOT NULL)`);
        await queryRunner.query(`INSERT INTO "calendar_data_version" ("id", "version", "changed_at") SELECT 1, "version", "changed_at" FROM "content_version" WHERE "id" = 1`);
    }

}
