import { nextBackupAt } from './backup-schedule.js';

describe('nextBackupAt', () => {
  it('takes today when the time is still ahead, else tomorrow (Berlin time)', () => {
    expect(nextBackupAt('03:00', new Date('2026-11-25T01:00:00Z')).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(nextBackupAt('03:00', new Date('2026-11-25T02:00:00Z')).toISOString()).toBe('2026-11-26T02:00:00.000Z');
  });

  it('stays at 03:00 Berlin across the change to summer time', () => {
    // 29 March 2026: clocks go from 02:00 to 03:00; the night after, 03:00 is 01:00 UTC.
    expect(nextBackupAt('03:00', new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(nextBackupAt('03:00', new Date('2026-03-29T12:00:00Z')).toISOString()).toBe('2026-03-30T01:00:00.000Z');
  });
});
