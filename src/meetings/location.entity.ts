import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A place where meetings happen: a room with an address, an online meeting, or both. */
@Entity('locations')
export class Location {
  @PrimaryGeneratedColumn()
  id: number;

  /** What people call the place, e.g. "Stadthaus, Demmlersaal". */
  @Index('idx_locations_name')
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  room: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  street: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 10, nullable: true })
  postalCode: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  locality: string | null;

  /** Step-free access, lift, hearing loop, accessible toilet … as plain text. */
  @Column({ name: 'accessibility_notes', type: 'text', nullable: true })
  accessibilityNotes: string | null;

  /** A standing online meeting room for this place (meetings may also carry their own link). */
  @Column({ name: 'online_link', type: 'varchar', length: 500, nullable: true })
  onlineLink: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
