import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Person } from './person.entity.js';

/** A language a person speaks, as an ISO 639-1 code ("ar", "ru", "uk", "fa" …). */
@Entity('person_languages')
@Index('uq_person_languages', ['personId', 'code'], { unique: true })
export class PersonLanguage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'person_id', type: 'integer' })
  personId: number;

  @ManyToOne(() => Person, (p) => p.languages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person: Relation<Person>;

  @Index('idx_person_languages_code')
  @Column({ type: 'varchar', length: 10 })
  code: string;
}
