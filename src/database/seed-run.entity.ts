import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which seed sets the app has loaded on start. A set is loaded once: a record an administrator
 * later removes, erases or renames is not brought back by the next start. `npm run seed` loads
 * the sets again on purpose (inserting only what is missing).
 */
@Entity('seed_runs')
export class SeedRun {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'applied_at', type: Date })
  appliedAt: Date;

  @Column({ name: 'created_records', type: 'integer' })
  createdRecords: number;
}
