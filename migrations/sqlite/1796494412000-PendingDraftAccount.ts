import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Pending minutes drafts belong to an account (the editor whose session expired), one per account
 * and minutes. Drafts kept so far have no provable author (any anonymous POST could store one):
 * they are dropped, not carried over.
 */
export class PendingDraftAccount1796494412000 implements MigrationInterface {
    name = 'PendingDraftAccount1796494412000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_pending_minutes_drafts_expires"`);
        await queryRunner.query(`DROP INDEX "idx_pending_minutes_drafts_minutes"`);
        await queryRunner.query(`DROP INDEX "uq_pending_minutes_drafts_token"`);
        await queryRunner.query(`DROP TABLE "pending_minutes_drafts"`);
        await queryRunner.query(`CREATE TABLE "pending_minutes_drafts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "minutes_id" integer NOT NULL, "payload" text NOT NULL, "expires_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "account_id" integer NOT NULL, CONSTRAINT "FK_1387f26e158cdef886a48a9e1ed" FOREIGN KEY ("minutes_id") REFERENCES "minutes" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3729d33457236915e82b99b831c" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_pending_minutes_drafts_expires" ON "pending_minutes_drafts" ("expires_at") `);
        await queryRunner.query(`CREATE INDEX "idx_pending_minutes_drafts_minutes" ON "pending_minutes_drafts" ("minutes_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_pending_minutes_drafts_token" ON "pending_minutes_drafts" ("token_hash") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_pending_minutes_drafts_account_minutes" ON "pending_minutes_drafts" ("account_id", "minutes_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "uq_pending_minutes_drafts_account_minutes"`);
        await queryRunner.query(`DROP INDEX "uq_pending_minutes_drafts_token"`);
        await queryRunner.query(`DROP INDEX "idx_pending_minutes_drafts_minutes"`);
        await queryRunner.query(`DROP INDEX "idx_pending_minutes_drafts_expires"`);
        await queryRunner.query(`CREATE TABLE "temporary_pending_minutes_drafts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "minutes_id" integer NOT NULL, "payload" text NOT NULL, "expires_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_1387f26e158cdef886a48a9e1ed" FOREIGN KEY ("minutes_id") REFERENCES "minutes" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_pending_minutes_drafts"("id", "token_hash", "minutes_id", "payload", "expires_at", "created_at") SELECT "id", "token_hash", "minutes_id", "payload", "expires_at", "created_at" FROM "pending_minutes_drafts"`);
        await queryRunner.query(`DROP TABLE "pending_minutes_drafts"`);
        await queryRunner.query(`ALTER TABLE "temporary_pending_minutes_drafts" RENAME TO "pending_minutes_drafts"`);
        await queryRunner.query(`CREATE INDEX "idx_pending_minutes_drafts_expires" ON "pending_minutes_drafts" ("expires_at") `);
        await queryRunner.query(`CREATE INDEX "idx_pending_minutes_drafts_minutes" ON "pending_minutes_drafts" ("minutes_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_pending_minutes_drafts_token" ON "pending_minutes_drafts" ("token_hash") `);
    }
}
