import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './database-options.js';

/** For the TypeORM CLI (`npm run typeorm -- migration:run`); the app builds its own from the same options. */
export const AppDataSource = new DataSource(dataSourceOptions(loadConfig()));
