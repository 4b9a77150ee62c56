import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { DatabaseService } from '../src/database/database.service.js';
import { createTestApp } from './helpers/test-app.js';

/** On shutdown the app stops accepting, finishes what is in flight, then closes the database. */
describe('graceful shutdown', () => {
  it('finishes an in-flight request, refuses new ones and closes the database', async () => {
    const t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const ds = t.app.get(DataSource);

    // Hold the write queue so that the login page, which must store a new session before its
    // response can finish, stays in flight.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const holding = t.app.get(DatabaseService).write(() => gate);
    try {
      let answered = false;
      const inFlight = fetch(`${base}/anmelden`).then(async (r) => {
        const text = await r.text();
        answered = true;
        return { status: r.status, text };
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(answered).toBe(false);

      const closing = t.close();
      await new Promise((r) => setTimeout(r, 100));
      await expect(fetch(`${base}/`)).rejects.toThrow();
      expect(answered).toBe(false);

      release();
      await holding;
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.text).toContain('Anmelden');
      await closing;
      expect(ds.isInitialized).toBe(false);
    } finally {
      release();
    }
  }, 30_000);
});
