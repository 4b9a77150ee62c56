import type { MigrationInterface, QueryRunner } from "typeorm";

/** "Passwort vergessen" requests, counted per address and per client for throttling. */
export class PostgresPasswordResetRequests1796515285480 implements MigrationInterface {
    name = 'PostgresPasswordResetRequests1796515285480'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "password_reset_requests" ("id" SERIAL NOT NULL, "account_key" character varying(254) NOT NULL, "ip" character varying(64) NOT NULL, "requested_at" TIMESTAMP NOT NULL, CONSTRAINT "PK_4aa83fc224280f3c94c3e214d65" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_password_reset_requests_ip" ON "password_reset_requests"  ("ip", "requested_at") `);
        await queryRunner.query(`CREATE INDEX "idx_password_reset_requests_account" ON "password_reset_requests"  ("account_key", "requested_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_password_reset_requests_account"`);
        await queryRunner.query(`DROP INDEX "public"."idx_password_reset_requests_ip"`);
        await queryRunner.query(`DROP TABLE "password_reset_requests"`);
    }
}
