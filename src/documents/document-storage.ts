import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DocumentBlob } from './document.entity.js';

/** Lower-case hex SHA-256: the key of a blob. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Content-addressed file storage inside the database: `document_blobs` (key, size) and
 * `document_blob_bytes` (key, bytes). Inside the database the files are in every backup, survive
 * restarts and are shared by all app instances; the same content is stored once.
 */
@Injectable()
export class DocumentStorage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Bytes of all stored blobs together (read inside the caller's transaction for the quota check). */
  async usedBytes(manager: EntityManager): Promise<number> {
    const row = await manager.getRepository(DocumentBlob).createQueryBuilder('b').select('COALESCE(SUM(b.size), 0)', 'total').getRawOne<{ total: string | number }>();
    return Number(row?.total ?? 0);
  }

  /** Which of these keys are stored already. */
  async existing(manager: EntityManager, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await manager.getRepository(DocumentBlob).createQueryBuilder('b').select('b.sha256', 'sha').where('b.sha256 IN (:...keys)', { keys }).getRawMany<{ sha: string }>();
    return new Set(rows.map((r) => r.sha));
  }

  /**
   * Stores the bytes under their SHA-256 (nothing when they are stored already) inside the caller's
   * transaction; returns the key. Two uploads of the same content at once both succeed: the second
   * insert is ignored.
   */
  async put(manager: EntityManager, bytes: Buffer, key = sha256Hex(bytes)): Promise<string> {
    await manager.createQueryBuilder().insert().into(DocumentBlob).values({ sha256: key, size: bytes.length }).orIgnore().execute();
    const [sql, params] = manager.connection.driver.escapeQueryWithParameters(
      'INSERT INTO "document_blob_bytes" ("sha256", "bytes") VALUES (:key, :bytes) ON CONFLICT ("sha256") DO NOTHING',
      { key, bytes },
    );
    await manager.query(sql, params);
    return key;
  }

  /** The bytes of a blob, or null. */
  async read(key: string, manager: EntityManager = this.dataSource.manager): Promise<Buffer | null> {
    const [sql, params] = manager.connection.driver.escapeQueryWithParameters('SELECT "bytes" FROM "document_blob_bytes" WHERE "sha256" = :key', { key });
    const rows: { bytes: Buffer | Uint8Array }[] = await manager.query(sql, params);
    const found = rows[0]?.bytes;
    return found ? Buffer.from(found.buffer, found.byteOffset, found.byteLength) : null;
  }

  /** Removes the blobs no document version refers to any more (after a removal, inside its transaction). */
  async sweep(manager: EntityManager): Promise<number> {
    const orphans: { sha256: string }[] = await manager.query(
      'SELECT "b"."sha256" AS "sha256" FROM "document_blobs" "b" WHERE NOT EXISTS (SELECT 1 FROM "document_versions" "v" WHERE "v"."blob_sha256" = "b"."sha256")',
    );
    for (const { sha256 } of orphans) {
      const [bytesSql, bytesParams] = manager.connection.driver.escapeQueryWithParameters('DELETE FROM "document_blob_bytes" WHERE "sha256" = :key', { key: sha256 });
      await manager.query(bytesSql, bytesParams);
      await manager.getRepository(DocumentBlob).delete({ sha256 });
    }
    return orphans.length;
  }
}
