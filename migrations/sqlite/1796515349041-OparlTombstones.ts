import type { MigrationInterface, QueryRunner } from "typeorm";

/** OParl: the record of objects that were public and are gone or unpublished (tombstones). */
export class OparlTombstones1796515349041 implements MigrationInterface {
    name = 'OparlTombstones1796515349041'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "oparl_tombstones" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "object_type" varchar(20) NOT NULL, "object_id" integer NOT NULL, "parent_id" integer, "created_at" datetime NOT NULL, "deleted_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_oparl_tombstones_object" ON "oparl_tombstones" ("object_type", "object_id") `);
        await queryRunner.query(`CREATE INDEX "idx_oparl_tombstones_parent" ON "oparl_tombstones" ("parent_id") `);
        await queryRunner.query(`CREATE INDEX "idx_oparl_tombstones_deleted_at" ON "oparl_tombstones" ("deleted_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_oparl_tombstones_deleted_at"`);
        await queryRunner.query(`DROP INDEX "idx_oparl_tombstones_parent"`);
        await queryRunner.query(`DROP INDEX "uq_oparl_tombstones_object"`);
        await queryRunner.query(`DROP TABLE "oparl_tombstones"`);
    }
}
