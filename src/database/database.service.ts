import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, type EntityManager } from 'typeorm';
import { WRITER_DATA_SOURCE } from './database-options.js';

/**
 * The one way to write. Every write in the app goes through `write()`, on the writer DataSource;
 * reads use the default DataSource (`dataSource` here, or any injected repository), which never
 * sees an open write transaction (see DatabaseModule).
 *
 * Serialises write transactions: TypeORM shares one better-sqlite3 connection, so two concurrent
 * `transaction()` calls would nest on it ("cannot start a transaction within a transaction").
 */
@Injectable()
export class DatabaseService implements OnApplicationShutdown {
  private readonly mutex = new Mutex();

  constructor(
    /** For reads: committed data only. */
    @InjectDataSource() readonly dataSource: DataSource,
    @InjectDataSource(WRITER_DATA_SOURCE) private readonly writer: DataSource,
  ) {}

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(() => this.writer.transaction(work));
  }

  /** Runs pending migrations on the writer connection (at start, before seeds). */
  async migrate(): Promise<void> {
    await this.mutex.runExclusive(() => this.writer.runMigrations({ transaction: 'each' }));
  }

  /** Closes the read connection; TypeORM's module closes the writer. Pending writes finished before (beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource !== this.writer && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
