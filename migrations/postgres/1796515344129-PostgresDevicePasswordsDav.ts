import type { MigrationInterface, QueryRunner } from "typeorm";

/** Device passwords for CardDAV/CalDAV clients and the sync state of the DAV collections. */
export class PostgresDevicePasswordsDav1796515344129 implements MigrationInterface {
    name = 'PostgresDevicePasswordsDav1796515344129'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "device_passwords" ("id" SERIAL NOT NULL, "account_id" integer NOT NULL, "name" character varying(60) NOT NULL, "selector" character varying(8) NOT NULL, "password_hash" character varying(255) NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP, CONSTRAINT "PK_b138170909d257cddbb80a856d3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_device_passwords_account" ON "device_passwords" ("account_id", "selector") `);
        await queryRunner.query(`CREATE TABLE "dav_collections" ("id" SERIAL NOT NULL, "key" character varying(80) NOT NULL, "content_key" character varying(200) NOT NULL, "version" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1253f9e01bf3bb9f910e63421ed" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_dav_collections_key" ON "dav_collections" ("key") `);
        await queryRunner.query(`CREATE TABLE "dav_resources" ("collection_id" integer NOT NULL, "name" character varying(120) NOT NULL, "etag" character varying(64) NOT NULL, "version" integer NOT NULL, "deleted" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_bbed78a927882590ce5f21aefb4" PRIMARY KEY ("collection_id", "name"))`);
        await queryRunner.query(`CREATE INDEX "idx_dav_resources_version" ON "dav_resources" ("collection_id", "version") `);
        await queryRunner.query(`ALTER TABLE "device_passwords" ADD CONSTRAINT "FK_8b9dfeec1d8ab3e6bc0a5993cbf" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "device_passwords" DROP CONSTRAINT "FK_8b9dfeec1d8ab3e6bc0a5993cbf"`);
        await queryRunner.query(`DROP INDEX "public"."idx_dav_resources_version"`);
        await queryRunner.query(`DROP TABLE "dav_resources"`);
        await queryRunner.query(`DROP INDEX "public"."uq_dav_collections_key"`);
        await queryRunner.query(`DROP TABLE "dav_collections"`);
        await queryRunner.query(`DROP INDEX "public"."idx_device_passwords_account"`);
        await queryRunner.query(`DROP TABLE "device_passwords"`);
    }
}
