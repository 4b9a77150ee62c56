import type { MigrationInterface, QueryRunner } from "typeorm";

/** A circular may link the documents of one meeting (circulars.meeting_id; no foreign key, like audit_entries.body_id: a removed meeting just lists nothing). */
export class PostgresCircularMeeting1796519282079 implements MigrationInterface {
    name = 'PostgresCircularMeeting1796519282079'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "circulars" ADD "meeting_id" integer`);
        await queryRunner.query(`CREATE INDEX "idx_circulars_meeting" ON "circulars" ("meeting_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_circulars_meeting"`);
        await queryRunner.query(`ALTER TABLE "circulars" DROP COLUMN "meeting_id"`);
    }
}
