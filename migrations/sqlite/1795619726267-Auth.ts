import type { MigrationInterface, QueryRunner } from "typeorm";

/** Accounts, sessions, login throttling, set-password links and generated secrets (src/auth). */
export class Auth1795619726267 implements MigrationInterface {
    name = 'Auth1795619726267'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "accounts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "password_hash" varchar(255) NOT NULL, "person_id" integer, "is_admin" boolean NOT NULL DEFAULT (0), "must_change_password" boolean NOT NULL DEFAULT (0), "disabled_at" datetime, "calendar_token" varchar(64), "password_changed_at" datetime, "last_login_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_cecdd107ca499a5b3279f9f2cea" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_accounts_email" ON "accounts" ("email") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_accounts_person" ON "accounts" ("person_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_accounts_calendar_token" ON "accounts" ("calendar_token") `);
        await queryRunner.query(`CREATE TABLE "auth_secrets" ("name" varchar(50) PRIMARY KEY NOT NULL, "value" varchar(255) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE TABLE "login_failures" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "account_key" varchar(254) NOT NULL, "ip" varchar(64) NOT NULL, "attempted_at" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "idx_login_failures_ip" ON "login_failures" ("ip", "attempted_at") `);
        await queryRunner.query(`CREATE INDEX "idx_login_failures_account" ON "login_failures" ("account_key", "attempted_at") `);
        await queryRunner.query(`CREATE TABLE "password_set_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "account_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime, "created_by_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_f495fdbc65bf0f9fab31fcff50e" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1143b5b29a603babfcb54c41ffc" FOREIGN KEY ("created_by_id") REFERENCES "accounts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_password_set_tokens_account" ON "password_set_tokens" ("account_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_password_set_tokens_hash" ON "password_set_tokens" ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "sessions" ("id" varchar(64) PRIMARY KEY NOT NULL, "data" text NOT NULL, "expires_at" datetime NOT NULL, "account_id" integer, "created_at" datetime NOT NULL, CONSTRAINT "FK_da0cf19646ff5c6e3c0284468e5" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_sessions_expires_at" ON "sessions" ("expires_at") `);
        await queryRunner.query(`CREATE INDEX "idx_sessions_account" ON "sessions" ("account_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_sessions_account"`);
        await queryRunner.query(`DROP INDEX "idx_sessions_expires_at"`);
        await queryRunner.query(`DROP TABLE "sessions"`);
        await queryRunner.query(`DROP INDEX "uq_password_set_tokens_hash"`);
        await queryRunner.query(`DROP INDEX "idx_password_set_tokens_account"`);
        await queryRunner.query(`DROP TABLE "password_set_tokens"`);
        await queryRunner.query(`DROP INDEX "idx_login_failures_account"`);
        await queryRunner.query(`DROP INDEX "idx_login_failures_ip"`);
        await queryRunner.query(`DROP TABLE "login_failures"`);
        await queryRunner.query(`DROP TABLE "auth_secrets"`);
        await queryRunner.query(`DROP INDEX "uq_accounts_calendar_token"`);
        await queryRunner.query(`DROP INDEX "uq_accounts_person"`);
        await queryRunner.query(`DROP INDEX "uq_accounts_email"`);
        await queryRunner.query(`DROP TABLE "accounts"`);
    }

}
