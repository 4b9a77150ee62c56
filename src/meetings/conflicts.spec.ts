import { type ExistingMeeting, findConflicts, holidayWarnings, overlaps } from './conflicts.js';

const at = (iso: string) => new Date(iso);
const existing = (over: Partial<ExistingMeeting>): ExistingMeeting => ({
  id: 100,
  bodyId: 2,
  bodyName: 'Runder Tisch Asyl',
  title: 'Sitzung',
  startsAt: at('2026-03-26T17:00:00Z'),
  endsAt: at('2026-03-26T19:00:00Z'),
  locationId: null,
  locationName: null,
  state: 'scheduled',
  ...over,
});

const ctx = {
  membersByBody: new Map<number, Set<number>>([
    [1, new Set([10, 11])],
    [2, new Set([10, 12])],
    [3, new Set([13])],
  ]),
  personNames: new Map([[10, 'Dimitri Avramenko']]),
  region: 'MV' as const,
};

const planned = { bodyId: 1, startsAt: at('2026-03-26T17:00:00Z'), endsAt: at('2026-03-26T19:00:00Z'), locationId: 5 };

describe('overlaps', () => {
  it('treats touching meetings as not overlapping', () => {
    expect(overlaps(planned, { startsAt: at('2026-03-26T19:00:00Z'), endsAt: at('2026-03-26T20:00:00Z') })).toBe(false);
    expect(overlaps(planned, { startsAt: at('2026-03-26T18:59:00Z'), endsAt: at('2026-03-26T20:00:00Z') })).toBe(true);
  });
});

describe('findConflicts', () => {
  it('warns about the same location at an overlapping time', () => {
    const w = findConflicts(planned, [existing({ bodyId: 3, locationId: 5, locationName: 'Stadthaus' })], ctx);
    expect(w.map((x) => x.code)).toEqual(['same_location']);
    expect(w[0].message).toContain('„Stadthaus“');
  });

  it('warns about the same body overlapping', () => {
    const w = findConflicts(planned, [existing({ bodyId: 1, bodyName: 'Begleitbeirat' })], ctx);
    expect(w.map((x) => x.code)).toEqual(['same_body']);
  });

  it('names members shared with another body that meets at the same time', () => {
    const w = findConflicts(planned, [existing({})], ctx);
    expect(w.map((x) => x.code)).toEqual(['shared_members']);
    expect(w[0].message).toContain('Dimitri Avramenko ist auch Mitglied in „Runder Tisch Asyl“');
  });

  it('ignores cancelled meetings, the meeting itself and meetings at other times', () => {
    expect(findConflicts(planned, [existing({ state: 'cancelled', bodyId: 1 })], ctx)).toEqual([]);
    expect(findConflicts({ ...planned, id: 100 }, [existing({ bodyId: 1 })], ctx)).toEqual([]);
    expect(findConflicts(planned, [existing({ bodyId: 1, startsAt: at('2026-03-27T17:00:00Z'), endsAt: at('2026-03-27T19:00:00Z') })], ctx)).toEqual([]);
  });

  it('warns about public holidays in Mecklenburg-Vorpommern by Berlin date', () => {
    // 31 Oct 2026 00:30 Berlin is still 30 Oct in UTC
    const w = findConflicts({ ...planned, startsAt: at('2026-10-30T23:30:00Z'), endsAt: at('2026-10-31T01:00:00Z') }, [], ctx);
    expect(w).toEqual([{ code: 'holiday', message: 'Der 31.10.2026 ist in Mecklenburg-Vorpommern ein gesetzlicher Feiertag (Reformationstag).' }]);
    expect(holidayWarnings(at('2026-04-06T08:00:00Z'), at('2026-04-06T10:00:00Z'), 'MV')[0].message).toContain('Ostermontag');
    expect(holidayWarnings(at('2026-03-08T08:00:00Z'), at('2026-03-08T10:00:00Z'), 'MV')[0].message).toContain('Internationaler Frauentag');
    expect(holidayWarnings(at('2026-03-26T17:00:00Z'), at('2026-03-26T19:00:00Z'), 'MV')).toEqual([]);
  });

  it('warns about the holidays of the configured state, named in German', () => {
    expect(holidayWarnings(at('2026-06-04T15:00:00Z'), at('2026-06-04T17:00:00Z'), 'BY')).toEqual([{ code: 'holiday', message: 'Der 04.06.2026 ist in Bayern ein gesetzlicher Feiertag (Fronleichnam).' }]);
    expect(holidayWarnings(at('2026-06-04T15:00:00Z'), at('2026-06-04T17:00:00Z'), 'SL')[0].message).toBe('Der 04.06.2026 ist im Saarland ein gesetzlicher Feiertag (Fronleichnam).');
    expect(holidayWarnings(at('2026-06-04T15:00:00Z'), at('2026-06-04T17:00:00Z'), 'MV')).toEqual([]);
    expect(findConflicts({ ...planned, startsAt: at('2026-10-31T08:00:00Z'), endsAt: at('2026-10-31T10:00:00Z') }, [], { ...ctx, region: 'BY' })).toEqual([]);
  });
});
