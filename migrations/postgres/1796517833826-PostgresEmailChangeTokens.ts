import type { MigrationInterface, QueryRunner } from "typeorm";

/** Pending e-mail address changes, confirmed through a one-time link to the new address. */
export class PostgresEmailChangeTokens1796517833826 implements MigrationInterface {
    name = 'PostgresEmailChangeTokens1796517833826'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "email_change_tokens" ("id" SERIAL NOT NULL, "account_id" integer NOT NULL, "new_email" character varying(254) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP NOT NULL, "used_at" TIMESTAMP, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_43a95c314ab2d2cece393b2d899" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_email_change_tokens_account" ON "email_change_tokens"  ("account_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_email_change_tokens_hash" ON "email_change_tokens"  ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "email_change_tokens" ADD CONSTRAINT "FK_cdb278fdcd71be8fac788666bc1" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "email_change_tokens" DROP CONSTRAINT "FK_cdb278fdcd71be8fac788666bc1"`);
        await queryRunner.query(`DROP INDEX "public"."uq_email_change_tokens_hash"`);
        await queryRunner.query(`DROP INDEX "public"."idx_email_change_tokens_account"`);
        await queryRunner.query(`DROP TABLE "email_change_tokens"`);
    }
}
