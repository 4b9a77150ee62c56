import type { MigrationInterface, QueryRunner } from "typeorm";

/** OParl: the record of objects that were public and are gone or unpublished (tombstones). */
export class PostgresOparlTombstones1796515349042 implements MigrationInterface {
    name = 'PostgresOparlTombstones1796515349042'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "oparl_tombstones" ("id" SERIAL NOT NULL, "object_type" character varying(20) NOT NULL, "object_id" integer NOT NULL, "parent_id" integer, "created_at" TIMESTAMP NOT NULL, "deleted_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_48a93c25fca0cbcf8fe8feeba2f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_oparl_tombstones_object" ON "oparl_tombstones" ("object_type", "object_id") `);
        await queryRunner.query(`CREATE INDEX "idx_oparl_tombstones_parent" ON "oparl_tombstones" ("parent_id") `);
        await queryRunner.query(`CREATE INDEX "idx_oparl_tombstones_deleted_at" ON "oparl_tombstones" ("deleted_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_oparl_tombstones_deleted_at"`);
        await queryRunner.query(`DROP INDEX "public"."idx_oparl_tombstones_parent"`);
        await queryRunner.query(`DROP INDEX "public"."uq_oparl_tombstones_object"`);
        await queryRunner.query(`DROP TABLE "oparl_tombstones"`);
    }
}
