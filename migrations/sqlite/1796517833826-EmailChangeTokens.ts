import type { MigrationInterface, QueryRunner } from "typeorm";

/** Pending e-mail address changes, confirmed through a one-time link to the new address. */
export class EmailChangeTokens1796517833826 implements MigrationInterface {
    name = 'EmailChangeTokens1796517833826'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "email_change_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "account_id" integer NOT NULL, "new_email" varchar(254) NOT NULL, "token_hash" varchar(64) NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_cdb278fdcd71be8fac788666bc1" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_email_change_tokens_account" ON "email_change_tokens" ("account_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_email_change_tokens_hash" ON "email_change_tokens" ("token_hash") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "uq_email_change_tokens_hash"`);
        await queryRunner.query(`DROP INDEX "idx_email_change_tokens_account"`);
        await queryRunner.query(`DROP TABLE "email_change_tokens"`);
    }
}
