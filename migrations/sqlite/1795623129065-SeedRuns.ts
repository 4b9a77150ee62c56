import type { MigrationInterface, QueryRunner } from "typeorm";

export class SeedRuns1795623129065 implements MigrationInterface {
    name = 'SeedRuns1795623129065'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "seed_runs" ("name" varchar(50) PRIMARY KEY NOT NULL, "applied_at" datetime NOT NULL, "created_records" integer NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "seed_runs"`);
    }

}
