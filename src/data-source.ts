import { DataSource } from 'typeorm';
import { appDataSourceOptions } from './app.entities.js';
import { loadConfig } from './config/app-config.js';

/** For the TypeORM CLI (`npm run typeorm -- migration:run`); the app builds its own from the same options. */
export const AppDataSource = new DataSource(appDataSourceOptions(loadConfig()));
