import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Generated meeting documents (src/documents): the invitation letter and the approved minutes as PDF
 * are documents of the meeting with a kind; at most one of each kind per meeting.
 */
export class PostgresGeneratedDocuments1796519079481 implements MigrationInterface {
    name = 'PostgresGeneratedDocuments1796519079481'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "meeting_documents" ADD COLUMN "generated_kind" varchar(20)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "idx_meeting_documents_generated" ON "meeting_documents" ("meeting_id", "generated_kind") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_meeting_documents_generated"`);
        await queryRunner.query(`ALTER TABLE "meeting_documents" DROP COLUMN "generated_kind"`);
    }
}
