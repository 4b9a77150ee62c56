import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { WRITER_DATA_SOURCE } from '../src/database/database-options.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

describe('health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness with JSON', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('is ready when the database answers and all migrations are applied', async () => {
    const res = await request(t.http).get('/health/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, migrations: { status: 'up' } } });
  });

  it('is not ready (503, JSON) while a migration is pending', async () => {
    const ds = t.app.get<DataSource>(getDataSourceToken(WRITER_DATA_SOURCE)); // migrations run on the writer
    await ds.undoLastMigration();
    try {
      const res = await request(t.http).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ status: 'error', error: { migrations: { status: 'down' } } });
    } finally {
      await ds.runMigrations();
    }
  });
});
