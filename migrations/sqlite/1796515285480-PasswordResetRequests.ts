import type { MigrationInterface, QueryRunner } from "typeorm";

/** "Passwort vergessen" requests, counted per address and per client for throttling. */
export class PasswordResetRequests1796515285480 implements MigrationInterface {
    name = 'PasswordResetRequests1796515285480'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "password_reset_requests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "account_key" varchar(254) NOT NULL, "ip" varchar(64) NOT NULL, "requested_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "idx_password_reset_requests_ip" ON "password_reset_requests" ("ip", "requested_at") `);
        await queryRunner.query(`CREATE INDEX "idx_password_reset_requests_account" ON "password_reset_requests" ("account_key", "requested_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_password_reset_requests_account"`);
        await queryRunner.query(`DROP INDEX "idx_password_reset_requests_ip"`);
        await queryRunner.query(`DROP TABLE "password_reset_requests"`);
    }
}
