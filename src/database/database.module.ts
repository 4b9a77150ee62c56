import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type DatabaseSchema, dataSourceOptions } from './database-options.js';
import { DatabaseService } from './database.service.js';
import { DomainEvents } from './domain-events.js';

/** Infrastructure, global: the schema (entities, subscribers, migrations) comes from the composition root. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => dataSourceOptions(config, schema),
        }),
      ],
      providers: [DatabaseService, DomainEvents],
      exports: [DatabaseService, DomainEvents],
    };
  }
}
