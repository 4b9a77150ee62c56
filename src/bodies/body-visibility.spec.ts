import Database from 'better-sqlite3';
import type { Viewer } from '../auth/viewer.js';
import { canViewBody, seesInternalBodies, visibleBodySql } from './body-visibility.js';

const anonymous: Viewer = { kind: 'anonymous' };
const member: Viewer = { kind: 'member', accountId: 1, personId: null, isAdmin: false };
const admin: Viewer = { kind: 'member', accountId: 2, personId: 5, isAdmin: true };

describe('body visibility', () => {
  it('shows public bodies to everybody', () => {
    for (const viewer of [anonymous, member, admin]) expect(canViewBody({ isPublic: true }, viewer)).toBe(true);
  });

  it('shows internal bodies to members only, never to anonymous visitors', () => {
    expect(canViewBody({ isPublic: false }, anonymous)).toBe(false);
    expect(canViewBody({ isPublic: false }, member)).toBe(true);
    expect(canViewBody({ isPublic: false }, admin)).toBe(true);
    expect(seesInternalBodies(anonymous)).toBe(false);
    expect(seesInternalBodies(member)).toBe(true);
  });

  it('says the same in SQL (visibleBodySql) as in code (canViewBody), on a real table', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE bodies (id integer PRIMARY KEY, is_public boolean NOT NULL)');
    db.exec('INSERT INTO bodies (id, is_public) VALUES (1, TRUE), (2, FALSE), (3, 1), (4, 0)');
    const all = db.prepare('SELECT id, is_public FROM bodies ORDER BY id').all() as { id: number; is_public: number }[];
    for (const viewer of [anonymous, member, admin]) {
      const bySql = (db.prepare(`SELECT b.id FROM bodies b WHERE ${visibleBodySql('b', viewer)} ORDER BY b.id`).all() as { id: number }[]).map((r) => r.id);
      const byCode = all.filter((b) => canViewBody({ isPublic: b.is_public === 1 }, viewer)).map((b) => b.id);
      expect(bySql).toEqual(byCode);
    }
    db.close();
  });
});
