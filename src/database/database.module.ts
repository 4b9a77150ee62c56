import { type DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type DatabaseSchema, dataSourceOptions, hasSeparateReader, readerDataSourceOptions, WRITER_DATA_SOURCE } from './database-options.js';
import { DatabaseService } from './database.service.js';
import { DomainEvents } from './domain-events.js';

/**
 * Two DataSources: the writer (named, used only by DatabaseService: write transactions, migrations,
 * subscribers) and the default one that everything else injects for reads (@InjectRepository,
 * @InjectDataSource). On an SQLite file the default is a read-only connection of its own, so no read
 * sees another request's uncommitted write; otherwise both are the same DataSource.
 */
@Global()
@Module({})
export class DatabaseModule {
  /** Infrastructure, global: the schema (entities, subscribers, migrations) comes from the composition root. */
  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          name: WRITER_DATA_SOURCE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => dataSourceOptions(config, schema),
        }),
      ],
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG, getDataSourceToken(WRITER_DATA_SOURCE)],
          useFactory: (config: AppConfig, writer: DataSource): Promise<DataSource> =>
            hasSeparateReader(config) ? new DataSource(readerDataSourceOptions(config, schema)).initialize() : Promise.resolve(writer),
        },
        { provide: EntityManager, inject: [DataSource], useFactory: (reader: DataSource) => reader.manager },
        DatabaseService,
        DomainEvents,
      ],
      exports: [DataSource, EntityManager, DatabaseService, DomainEvents],
    };
  }
}
