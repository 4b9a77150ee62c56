import type { SeedContext } from './seed-context.js';

/** Clearly fictional demo data (example.org); never loaded in production unless SEED_DEMO=true. */
export async function seedDemo(ctx: SeedContext): Promise<void> {
  await ctx.ensureOrganisation({ name: 'Beispielverein Vielfalt e. V.', kind: 'association', email: 'kontakt@example.org' });
}
