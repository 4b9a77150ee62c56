import type { MigrationInterface, QueryRunner } from "typeorm";

/** Device passwords for CardDAV/CalDAV clients and the sync state of the DAV collections. */
export class DevicePasswordsDav1796515344128 implements MigrationInterface {
    name = 'DevicePasswordsDav1796515344128'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "device_passwords" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "account_id" integer NOT NULL, "name" varchar(60) NOT NULL, "selector" varchar(8) NOT NULL, "password_hash" varchar(255) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_used_at" datetime, CONSTRAINT "FK_8b9dfeec1d8ab3e6bc0a5993cbf" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "idx_device_passwords_account" ON "device_passwords" ("account_id", "selector") `);
        await queryRunner.query(`CREATE TABLE "dav_collections" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "key" varchar(80) NOT NULL, "content_key" varchar(200) NOT NULL, "version" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_dav_collections_key" ON "dav_collections" ("key") `);
        await queryRunner.query(`CREATE TABLE "dav_resources" ("collection_id" integer NOT NULL, "name" varchar(120) NOT NULL, "etag" varchar(64) NOT NULL, "version" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT (0), PRIMARY KEY ("collection_id", "name"))`);
        await queryRunner.query(`CREATE INDEX "idx_dav_resources_version" ON "dav_resources" ("collection_id", "version") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_dav_resources_version"`);
        await queryRunner.query(`DROP TABLE "dav_resources"`);
        await queryRunner.query(`DROP INDEX "uq_dav_collections_key"`);
        await queryRunner.query(`DROP TABLE "dav_collections"`);
        await queryRunner.query(`DROP INDEX "idx_device_passwords_account"`);
        await queryRunner.query(`DROP TABLE "device_passwords"`);
    }
}
