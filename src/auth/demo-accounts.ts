/**
 * Demo logins, created only when the fictional demo data is seeded (SEED_DEMO). The passwords are
 * public (README, tests): the password policy rejects them for every other use, and in production
 * the app refuses to start while a demo account still has one.
 *
 * Each is linked to a fictional person of seeds/demo.seed.ts (DEMO_PEOPLE), never to a real one.
 */
export interface DemoAccount {
  /** Key of the person in DEMO_PEOPLE (seeds/demo.seed.ts). */
  personKey: 'boardDeputyChair' | 'boardSecretary' | 'plainMember';
  email: string;
  password: string;
  /** What the account can do, for the README. */
  description: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    personKey: 'boardDeputyChair',
    email: 'vorsitz@example.org',
    password: 'Demo-Vorsitz-2026',
    description: 'stellvertretender Vorsitz des Begleitbeirats (darf dessen Sitzungen verwalten)',
  },
  {
    personKey: 'boardSecretary',
    email: 'geschaeftsfuehrung@example.org',
    password: 'Demo-Geschaeftsfuehrung-2026',
    description: 'Geschäftsführung des Begleitbeirats (darf dessen Sitzungen verwalten)',
  },
  {
    personKey: 'plainMember',
    email: 'mitglied@example.org',
    password: 'Demo-Mitglied-2026',
    description: 'einfaches Mitglied (sieht das ganze Verzeichnis, verwaltet nichts)',
  },
];

/** The demo logins by role, for tests and the README. */
export const DEMO_CHAIR = DEMO_ACCOUNTS[0];
export const DEMO_SECRETARY = DEMO_ACCOUNTS[1];
export const DEMO_MEMBER = DEMO_ACCOUNTS[2];
