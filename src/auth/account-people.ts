import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What auth and audit show of the person an account belongs to. */
export interface AccountPerson {
  id: number;
  /** "Dr. Dimitri Avramenko" */
  displayName: string;
  /** "Avramenko, Dimitri" */
  sortName: string;
  functionTitle: string | null;
}

/**
 * How the session read (one statement per request, src/auth/session-store.ts) joins the name of the
 * account's person: SQL written by the people module, which knows its table.
 */
export interface AccountPersonNameJoin {
  /** A LEFT JOIN clause on the accounts alias `a` that finds the live person only. */
  join: string;
  /** The columns it adds, each aliased `person_…`. */
  columns: string;
  /** The display name from a row's `person_…` columns; null when no live person was found. */
  displayName(row: Record<string, unknown>): string | null;
}

/** The reads auth needs about people, supplied by the people module (auth sits below people). */
export interface AccountPersonSource {
  /** The session read's join to the person's name. */
  readonly nameJoin: AccountPersonNameJoin;
  /** The live (not deleted) people among `ids`. */
  find(manager: EntityManager, ids: readonly number[]): Promise<AccountPerson[]>;
  /** Live people without an account, in directory order (for "link to a person"). */
  withoutAccount(manager: EntityManager): Promise<AccountPerson[]>;
}

/**
 * Where auth asks about people. The people module registers its source at start-up
 * (`provide`), so the dependency points from people down to auth.
 */
@Injectable()
export class AccountPeople {
  private source: AccountPersonSource | null = null;

  provide(source: AccountPersonSource): void {
    this.source = source;
  }

  private get people(): AccountPersonSource {
    if (!this.source) throw new Error('AccountPeople: no person source registered (is the people module loaded?)');
    return this.source;
  }

  async byIds(manager: EntityManager, ids: readonly (number | null)[]): Promise<Map<number, AccountPerson>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    return new Map((await this.people.find(manager, wanted)).map((p) => [p.id, p]));
  }

  /** The person of an account, or null (no person linked, or the person is gone). */
  async of(manager: EntityManager, personId: number | null): Promise<AccountPerson | null> {
    if (personId === null) return null;
    return (await this.byIds(manager, [personId])).get(personId) ?? null;
  }

  withoutAccount(manager: EntityManager): Promise<AccountPerson[]> {
    return this.people.withoutAccount(manager);
  }

  /** The session read's join to the person's name; null when no people module is loaded (names then stay unknown). */
  get nameJoin(): AccountPersonNameJoin | null {
    return this.source?.nameJoin ?? null;
  }
}
