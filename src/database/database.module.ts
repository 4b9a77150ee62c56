import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './database-options.js';
import { DatabaseService } from './database.service.js';
import { DomainEvents } from './domain-events.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
    }),
  ],
  providers: [DatabaseService, DomainEvents],
  exports: [DatabaseService, DomainEvents],
})
export class DatabaseModule {}
