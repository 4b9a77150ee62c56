import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Serialises write transactions. TypeORM shares one better-sqlite3 connection, so two concurrent
 * `transaction()` calls would nest on it ("cannot start a transaction within a transaction").
 * Every write in the app goes through `write()`; reads need no lock.
 */
@Injectable()
export class DatabaseService {
  private readonly mutex = new Mutex();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(() => this.dataSource.transaction(work));
  }
}
