import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Person } from './person.entity.js';

export const PHONE_KINDS = ['work', 'mobile', 'fax'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];

@Entity('person_phones')
export class PersonPhone {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_person_phones_person')
  @Column({ name: 'person_id', type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, (p) => p.phones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person>;

  @Column({ type: 'varchar', length: 10 })
  kind: PhoneKind;

  /** International format, e.g. "+49 385 545-1263". */
  @Column({ type: 'varchar', length: 40 })
  number: string;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
