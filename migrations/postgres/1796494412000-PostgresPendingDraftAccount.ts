import type { MigrationInterface, QueryRunner } from "typeorm";

/** Pending minutes drafts belong to an account, one per account and minutes (see the SQLite twin); unattributable drafts are dropped. */
export class PostgresPendingDraftAccount1796494412000 implements MigrationInterface {
    name = 'PostgresPendingDraftAccount1796494412000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "pending_minutes_drafts"`);
        await queryRunner.query(`ALTER TABLE "pending_minutes_drafts" ADD "account_id" integer NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_pending_minutes_drafts_account_minutes" ON "pending_minutes_drafts" ("account_id", "minutes_id") `);
        await queryRunner.query(`ALTER TABLE "pending_minutes_drafts" ADD CONSTRAINT "FK_3729d33457236915e82b99b831c" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "pending_minutes_drafts" DROP CONSTRAINT "FK_3729d33457236915e82b99b831c"`);
        await queryRunner.query(`DROP INDEX "public"."uq_pending_minutes_drafts_account_minutes"`);
        await queryRunner.query(`ALTER TABLE "pending_minutes_drafts" DROP COLUMN "account_id"`);
    }
}
