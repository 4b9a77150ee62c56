import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Audit entries name the body their record belongs to (the log's body filter). Backfilled for the
 * entries that exist: a body's own entries and memberships (meetings and minutes were not logged before).
 */
export class PostgresAuditBody1796510000001 implements MigrationInterface {
    name = 'PostgresAuditBody1796510000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_entries" ADD "body_id" integer`);
        await queryRunner.query(`CREATE INDEX "idx_audit_entries_body" ON "audit_entries" ("body_id") `);
        await queryRunner.query(`UPDATE "audit_entries" SET "body_id" = "entity_id" WHERE "entity_type" = 'body'`);
        await queryRunner.query(`UPDATE "audit_entries" e SET "body_id" = m."body_id" FROM "memberships" m WHERE e."entity_type" = 'membership' AND m."id" = e."entity_id"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entries_body"`);
        await queryRunner.query(`ALTER TABLE "audit_entries" DROP COLUMN "body_id"`);
    }
}
